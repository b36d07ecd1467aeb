package io.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionService;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.Listeners;
import io.patchbay.support.NetworkFixtures;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side request forgery, tried through every way a tenant's user hands the hub a destination: a REST
 * connector's URL, a database host, a network exception request, a webhook endpoint of the sandbox billing system, an
 * alert channel's webhook URL. Each destination is loopback (in every spelling), link-local or cloud metadata, the
 * hub's own port and paths, or its own database; each is refused as a configuration error naming the rule, and nothing
 * ever connects to the listener the corpus points at. Beyond destinations, every setting of every connector a tenant
 * can set up (read from the catalog, so a new connector joins without a change here) is given what would steer a
 * driver, a URL, a header or a path: host-overriding driver options, CRLF, path traversal, encoded forms.
 *
 * <p>The listener is a socket on loopback that nobody accepts from: a connection made to it would wait in its
 * backlog, so "nothing connected" is read afterwards, not a matter of timing.
 */
@IntegrationTest
class SsrfCorpusIT {

    private static Listeners inside;
    private static int port;

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    EgressExceptionService exceptions;

    @Autowired
    JdbcTemplate sql;

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    TemplateLibrary library;

    @Autowired
    io.patchbay.sandbox.SandboxCrm crm;

    @Autowired
    io.patchbay.sandbox.SandboxBilling billing;

    @Autowired
    io.patchbay.observability.AlertChannels alertChannels;

    @Value("${server.port}")
    int hubPort;

    @BeforeAll
    static void listenInside() {
        inside = Listeners.open();
        port = inside.port();
    }

    @AfterAll
    static void nothingConnected() throws IOException {
        inside.assertNothingConnected();
        inside.close();
    }

    /**
     * What a setting's value may carry to steer a driver, a URL, a header or a path elsewhere, appended to the value
     * that would work: {@code {L}} is the loopback listener's port, {@code {S}} the Unix socket's path.
     */
    static List<String> injections() {
        return List.of(
                "?PGHOST=127.0.0.1&PGPORT={L}&x=",
                "&PGHOST=127.0.0.1&PGPORT={L}",
                "?localSocket={S}&x=",
                "?socketFactory=java.net.Socket&sslfactory=x",
                ";host=127.0.0.1;port={L}",
                "\r\nHost: 127.0.0.1:{L}\r\nX-Injected: 1",
                "%0d%0aHost:%20127.0.0.1:{L}",
                "/../../../127.0.0.1:{L}",
                "/%2e%2e/%2e%2e/127.0.0.1:{L}",
                "@127.0.0.1:{L}",
                "#@127.0.0.1:{L}",
                "\u0000127.0.0.1:{L}");
    }

    /**
     * Every connector a tenant can set up (one template of each from the gallery: connections start from templates),
     * every text setting, every injection; what works is the template's setup (a database on the tests' private
     * network, opened by an approved exception; the sandbox at its own paths), changed in that one setting.
     */
    @TestFactory
    Stream<DynamicTest> noSettingOfAnyConnectorSteersItsConnectionElsewhere() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Settings");
        NetworkFixtures.approvedException(exceptions, tenant.id(), PrivateNetwork.HOST);
        Map<String, Template> oneOfEach = new LinkedHashMap<>();
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> library.gallery().forEach(template -> oneOfEach.putIfAbsent(template.connector(), template)));
        assertThat(oneOfEach.keySet()).as("connectors a tenant can set up").contains("postgres@1", "mariadb@1");
        List<DynamicTest> tests = new ArrayList<>();
        oneOfEach.forEach((reference, template) -> {
            ConnectorSpec spec = catalog.connector(reference).orElseThrow().spec();
            Connection draft = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup(template.id()));
            ObjectNode working = working(spec, draft);
            for (ConnectorSpec.SettingSpec setting : spec.settings()) {
                if (!setting.type().equals("string") || !setting.choices().isEmpty()) {
                    continue;
                }
                for (String injection : injections()) {
                    String value = injection
                            .replace("{L}", String.valueOf(port))
                            .replace("{S}", inside.socketFile().toString());
                    tests.add(dynamicTest(
                            reference + " " + setting.key() + " + "
                                    + injection
                                            .replace("\r", "\\r")
                                            .replace("\n", "\\n")
                                            .replace("\u0000", "\\0"),
                            () -> tryInjection(tenant, draft, spec, working, setting, value)));
                }
            }
        });
        return tests.stream();
    }

    private void tryInjection(
            Tenant tenant,
            Connection draft,
            ConnectorSpec spec,
            ObjectNode working,
            ConnectorSpec.SettingSpec setting,
            String injection) {
        ObjectNode settings = working.deepCopy();
        Map<String, String> secrets = new LinkedHashMap<>();
        spec.settings().stream()
                .filter(ConnectorSpec.SettingSpec::secret)
                .forEach(secret -> secrets.put(secret.key(), "sbx_corpus_secret"));
        if (setting.secret()) {
            secrets.put(setting.key(), "sbx_corpus_secret" + injection);
        } else {
            settings.put(setting.key(), settings.path(setting.key()).asString("") + injection);
        }
        CheckResult result = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.testConnection(draft.id(), new ConnectionDetails("Forged", settings, secrets)));
        assertThat(result.success() && setting.key().equals("host"))
                .as("a host with more than a host in it was tested: " + result.summary())
                .isFalse();
        inside.assertNothingConnected();
    }

    /** The draft's settings, with a database on the tests' private network for the connectors that take a host. */
    private static ObjectNode working(ConnectorSpec spec, Connection draft) {
        ObjectNode settings = (ObjectNode) draft.settings().deepCopy();
        if (spec.configSchema().path("properties").has("host")) {
            boolean postgres = spec.id().equals("postgres");
            NetworkFixtures.onThePrivateNetwork(settings, postgres);
        }
        return settings;
    }

    /** Loopback, unspecified, link-local and metadata hosts, in the spellings attackers use. */
    static List<String> hosts() {
        return List.of(
                "127.0.0.1",
                "127.1",
                "127.0.1",
                "127.000.000.001",
                "2130706433",
                "0x7f000001",
                "0x7f.0.0.1",
                "0177.0.0.1",
                "017700000001",
                "127.255.255.254",
                "0.0.0.0",
                "0",
                "localhost",
                "LOCALHOST",
                "localhost.",
                "localhost.localdomain",
                "evil.localhost",
                "ip6-localhost",
                "::1",
                "0:0:0:0:0:0:0:1",
                "::",
                "::ffff:127.0.0.1",
                "::ffff:7f00:1",
                "0:0:0:0:0:ffff:127.0.0.1",
                "::127.0.0.1",
                "64:ff9b::7f00:1",
                "64:ff9b::127.0.0.1",
                "2002:7f00:1::",
                "169.254.169.254",
                "169.254.170.2",
                "::ffff:169.254.169.254",
                "fe80::1",
                "fd00:ec2::254",
                "100.100.100.200",
                "168.63.129.16",
                "metadata.google.internal",
                "metadata.google.internal.",
                "metadata",
                "instance-data",
                "224.0.0.1",
                "255.255.255.255");
    }

    /** The same hosts as URL authorities, and URLs that hide or dress up a host. */
    List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (String host : hosts()) {
            String authority = host.contains(":") ? "[" + host + "]" : host;
            urls.add("http://" + authority + ":" + port + "/v1");
            urls.add("https://" + authority + ":" + port + "/v1");
        }
        urls.addAll(List.of(
                "http://user@127.0.0.1:" + port + "/v1",
                "http://crm.example.com@127.0.0.1:" + port + "/v1",
                "http://127.0.0.1:" + port + "#@crm.example.com/v1",
                "https://user:password@crm.example.com/v1",
                "file:///etc/passwd/v1",
                "gopher://127.0.0.1:" + port + "/v1",
                "ftp://127.0.0.1:" + port + "/v1",
                "jar:http://127.0.0.1:" + port + "/x.jar!/v1",
                "dict://127.0.0.1:" + port + "/v1",
                "ldap://127.0.0.1:" + port + "/v1",
                "//127.0.0.1:" + port + "/v1",
                // the hub itself: only its sandbox and webhook paths are open, and not by a detour
                "http://localhost:" + hubPort + "/actuator/v1",
                "http://localhost:" + hubPort + "/sandbox/crm/../../actuator/health/v1",
                "http://localhost:" + hubPort + "/sandbox/crm/%2e%2e/%2e%2e/actuator/v1",
                "http://localhost:" + hubPort + "/sandbox/crm;x=1/../../actuator/v1",
                "http://127.0.0.1:" + hubPort + "/sandbox/crm/v1",
                "http://[::1]:" + hubPort + "/sandbox/crm/v1",
                "http://localhost:" + Listeners.hubDatabasePort(sql) + "/sandbox/crm/v1"));
        return urls;
    }

    @TestFactory
    Stream<DynamicTest> aRestConnectorsUrlNeverReachesInside() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Rest");
        Connection draft =
                Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup("sandbox-crm-contacts"));
        return urls().stream()
                .map(url -> dynamicTest(url, () -> {
                    var details = new ConnectionDetails(
                            "Forged",
                            JsonNodeFactory.instance.objectNode().put("apiUrl", url),
                            Map.of("apiKey", "sbx_forged"));
                    CheckResult result = Actors.as(
                            tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.testConnection(draft.id(), details));
                    assertThat(result.success()).isFalse();
                    assertThat(result.failure().orElseThrow().errorClass()).isEqualTo(ErrorClass.CONFIG);
                }));
    }

    @TestFactory
    Stream<DynamicTest> aDatabaseHostNeverReachesInside() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Db");
        Connection draft = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup("postgres-table"));
        List<String> destinations = new ArrayList<>(hosts());
        return Stream.concat(
                destinations.stream()
                        .map(host -> dynamicTest(host + ":" + port, () -> refusedDatabase(tenant, draft, host, port))),
                Stream.of("localhost", "127.0.0.1", "::1")
                        .map(host -> dynamicTest(
                                "the hub's own database at " + host,
                                () -> refusedDatabase(tenant, draft, host, Listeners.hubDatabasePort(sql)))));
    }

    @TestFactory
    Stream<DynamicTest> aNetworkExceptionNeverOpensInside() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Exception");
        return hosts().stream()
                .map(host -> dynamicTest(
                        host,
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                            assertThatThrownBy(() -> exceptions.request(host, "Please open this host for our sync"))
                                    .isInstanceOf(IllegalArgumentException.class);
                            assertThat(exceptions.list()).isEmpty();
                        })));
    }

    @TestFactory
    Stream<DynamicTest> aWebhookEndpointOfTheSandboxNeverReachesInside() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Endpoint");
        return urls().stream()
                // the hub's own sandbox paths are open to the sandbox's webhooks, as to anyone outside
                .filter(url -> !url.equals("http://localhost:" + hubPort + "/sandbox/crm/v1"))
                .map(url -> dynamicTest(
                        url,
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                            assertThatThrownBy(() -> billing.addWebhookEndpoint(url))
                                    .isInstanceOf(IllegalArgumentException.class)
                                    .hasMessageContaining("rule:");
                            assertThat(billing.webhookEndpoints()).isEmpty();
                        })));
    }

    @TestFactory
    Stream<DynamicTest> anAlertWebhookNeverReachesInside() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Forger Alerts");
        return urls().stream()
                // the hub's own sandbox paths are open to anyone outside, so to an alert webhook as well
                .filter(url -> !url.equals("http://localhost:" + hubPort + "/sandbox/crm/v1"))
                .map(url -> dynamicTest(
                        url,
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                            assertThatThrownBy(() -> alertChannels.addWebhook(url))
                                    .isInstanceOf(IllegalArgumentException.class);
                            assertThat(alertChannels.list()).isEmpty();
                        })));
    }

    @Test
    void theSandboxIsReachedOnlyAtItsOwnPaths() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Honest Co");
        Connection draft =
                Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup("sandbox-crm-contacts"));
        var details = new ConnectionDetails(
                "Honest",
                JsonNodeFactory.instance.objectNode().put("apiUrl", "http://localhost:" + hubPort + "/sandbox/crm/v1"),
                Map.of("apiKey", Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey)));
        CheckResult result =
                Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.testConnection(draft.id(), details));
        assertThat(result.success()).as(result.summary()).isTrue();
    }

    private void refusedDatabase(Tenant tenant, Connection draft, String host, int databasePort) {
        var details = new ConnectionDetails(
                "Forged",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("host", host)
                        .put("port", databasePort)
                        .put("database", "postgres")
                        .put("username", "postgres"),
                Map.of("password", "whatever"));
        CheckResult result =
                Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.testConnection(draft.id(), details));
        assertThat(result.success()).isFalse();
        assertThat(result.failure().orElseThrow().errorClass()).isEqualTo(ErrorClass.CONFIG);
    }
}
