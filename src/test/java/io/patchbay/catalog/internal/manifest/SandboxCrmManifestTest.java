package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.ScriptedDns;
import io.patchbay.security.egress.TestEgress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Sandbox CRM's manifest, run by the manifest runtime against a real HTTP server that misbehaves on purpose. */
class SandboxCrmManifestTest {

    @RegisterExtension
    static WireMockExtension crm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ObjectMapper json = new ObjectMapper();
    private static final EgressClient egress = TestEgress.reachingLoopback(new EgressProperties(
            List.of("localhost", "127.0.0.1"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            DataSize.ofMegabytes(1),
            3));
    private final Connector connector = new ManifestConnectors(egress, json)
            .load("sandbox-crm.yaml", getClass().getResourceAsStream("/connectors/sandbox-crm.yaml"));
    private final List<Duration> throttled = new ArrayList<>();
    private final ReadContext context = new ReadContext() {
        @Override
        public String correlationId() {
            return "run-test";
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void throttled(Duration waited) {
            throttled.add(waited);
        }
    };

    @Test
    void checkReportsTheContactCount() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson("{\"data\":[],\"total\":42,\"has_more\":false}")));
        CheckResult result = connector.check(config(crm.baseUrl(), "key"));
        assertThat(result.success()).isTrue();
        assertThat(result.summary()).isEqualTo("Connected to Sandbox CRM: 42 contacts visible.");
        crm.verify(getRequestedFor(urlPathEqualTo("/v1/contacts"))
                .withHeader("X-API-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("key")));
    }

    @Test
    void rejectedKeyIsAnAuthErrorWithAFix() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(401)));
        CheckResult result = connector.check(config(crm.baseUrl(), "wrong"));
        assertThat(result.success()).isFalse();
        assertThat(result.error().errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(result.error().message()).isEqualTo("The API key was rejected.");
        assertThat(result.error().fix()).contains("Sandbox systems page");
    }

    @Test
    void wrongPathIsAConfigError() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(404)));
        assertThat(connector.check(config(crm.baseUrl(), "key")).error().errorClass())
                .isEqualTo(ErrorClass.CONFIG);
    }

    @Test
    void htmlInsteadOfJsonIsADataError() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
        var error = connector.check(config(crm.baseUrl(), "key")).error();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.DATA);
        assertThat(error.message()).contains("not with JSON");
    }

    @Test
    void unreachableHostIsTransientAndUnknownHostIsConfig() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var refused =
                connector.check(config("http://127.0.0.1:" + closedPort, "key")).error();
        assertThat(refused.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(refused.message()).contains("Could not connect to 127.0.0.1:" + closedPort);

        var unknown =
                connector.check(config("https://no-such-host.invalid", "key")).error();
        assertThat(unknown.errorClass()).isEqualTo(ErrorClass.CONFIG);
        assertThat(unknown.message()).isEqualTo("The host 'no-such-host.invalid' could not be found.");
    }

    @Test
    void slowAnswerTimesOut() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson("{\"total\":1}").withFixedDelay(11_000)));
        var error = connector.check(config(crm.baseUrl(), "key")).error();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(error.message()).contains("did not answer in time");
    }

    @Test
    void settingsThatCannotWorkAreConfigErrorsBeforeAnyRequest() {
        assertThatThrownBy(() -> config("ftp://x", "key"))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.CONFIG));
        assertThatThrownBy(() -> config("https://user:pw@crm.example.com", "key"))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).contains("credentials"));
    }

    @Test
    void privateAddressesAndPlainHttpAreRefusedAsConfigErrorsNamingTheRule() {
        var metadata =
                connector.check(config("https://169.254.169.254/latest", "key")).error();
        assertThat(metadata.errorClass()).isEqualTo(ErrorClass.CONFIG);
        assertThat(metadata.message()).contains("link-local").contains("never-reachable");
        var office = connector.check(config("https://10.0.4.17/api", "key")).error();
        assertThat(office.errorClass()).isEqualTo(ErrorClass.CONFIG);
        assertThat(office.message()).contains("private address").contains("public-addresses-only");
        assertThat(office.fix()).contains("request a network exception");
        var plain = connector.check(config("http://crm.example.com", "key")).error();
        assertThat(plain.errorClass()).isEqualTo(ErrorClass.CONFIG);
        assertThat(plain.message()).contains("https-only");
    }

    @Test
    void aHostWhoseAddressIsInsideIsAConfigErrorNamingTheRuleWhateverItAnswersNext() {
        var dns = new ScriptedDns().answer("crm.rebind.test", "127.0.0.1", "8.8.8.8");
        Connector guarded = new ManifestConnectors(
                        dns.client(new EgressProperties(
                                List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1), 3)),
                        json)
                .load("sandbox-crm.yaml", getClass().getResourceAsStream("/connectors/sandbox-crm.yaml"));

        var error = guarded.check(config("https://crm.rebind.test", "key")).error();

        assertThat(error.errorClass()).isEqualTo(ErrorClass.CONFIG);
        assertThat(error.message())
                .isEqualTo("Patchbay does not call this address: crm.rebind.test resolves to 127.0.0.1, a loopback "
                        + "address, which connectors never reach (rule: never-reachable).");
        assertThat(dns.lookups("crm.rebind.test")).isEqualTo(1);
    }

    @Test
    void hugeResponsesAreDataErrors() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson("{\"total\":1,\"pad\":\"" + "x".repeat(1_100_000) + "\"}")));
        var error = connector.check(config(crm.baseUrl(), "key")).error();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.DATA);
        assertThat(error.message()).contains("larger than Patchbay accepts");
    }

    @Test
    void configNeverPrintsTheKey() {
        assertThat(config(crm.baseUrl(), "sk_live_canary_1234").toString()).doesNotContain("canary");
    }

    @Test
    void aConnectionAsksForThePageSizeItSetAndTheManifestsOtherwise() {
        Connector version2 = new ManifestConnectors(egress, json)
                .load("sandbox-crm-2.yaml", getClass().getResourceAsStream("/connectors/sandbox-crm-2.yaml"));
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson(page(false, contact("1", "2026-01-01T00:00:00Z")))));
        var settings = json.createObjectNode().put("apiUrl", crm.baseUrl() + "/v1");

        version2.read(
                version2.configure(
                        new ConnectorSettings(settings.deepCopy().put("pageSize", 1000), Map.of("apiKey", "key"))),
                "contacts",
                null,
                context);
        version2.read(
                version2.configure(new ConnectorSettings(settings, Map.of("apiKey", "key"))),
                "contacts",
                null,
                context);

        crm.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v1/contacts"))
                        .withQueryParam("page_size", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1000")));
        crm.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v1/contacts"))
                        .withQueryParam("page_size", com.github.tomakehurst.wiremock.client.WireMock.equalTo("100")));
    }

    @Test
    void readWaitsOutA429AndReportsTheThrottling() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("throttle")
                .whenScenarioStateIs("open")
                .willReturn(okJson(page(false, contact("1", "2026-01-01T00:00:00Z")))));
        ReadPage page = connector.read(config(crm.baseUrl(), "key"), "contacts", null, context);
        assertThat(page.records()).hasSize(1);
        assertThat(throttled).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void testConnectionWaitsOutAShortRetryAfterOnce() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("check")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("check")
                .whenScenarioStateIs("open")
                .willReturn(okJson("{\"data\":[],\"total\":7,\"has_more\":false}")));
        assertThat(connector.check(config(crm.baseUrl(), "key")).summary()).contains("7 contacts");
    }

    @Test
    void testConnectionReportsALongThrottleAsARateLimit() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        var error = connector.check(config(crm.baseUrl(), "key")).error();
        assertThat(error.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
        crm.verify(1, getRequestedFor(urlPathEqualTo("/v1/contacts")));
    }

    @Test
    void aSpentQuotaIsWaitedOutBeforeTheNextRequest() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson(page(false, contact("1", "2026-01-01T00:00:00Z")))
                        .withHeader("X-RateLimit-Limit", "100")
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", "1")));
        ReadPage page = connector.read(config(crm.baseUrl(), "key"), "contacts", null, context);
        assertThat(page.records()).hasSize(1);
        assertThat(throttled).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a429WithoutRetryAfterUsesTheQuotaReset() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "2"))
                .willSetStateTo("open"));
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .inScenario("reset")
                .whenScenarioStateIs("open")
                .willReturn(okJson(page(false, contact("1", "2026-01-01T00:00:00Z")))));
        connector.read(config(crm.baseUrl(), "key"), "contacts", null, context);
        assertThat(throttled).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void persistentServerErrorsEndAsTransient() {
        crm.stubFor(get(urlPathEqualTo("/v1/contacts")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> connector.read(config(crm.baseUrl(), "key"), "contacts", null, context))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.TRANSIENT);
                    assertThat(e.error().fix()).contains("resumes where this one stopped");
                });
        crm.verify(3, getRequestedFor(urlPathEqualTo("/v1/contacts")));
    }

    @Test
    void checkpointSkipsRecordsAlreadyAppliedAtTheSameInstant() throws Exception {
        String instant = "2026-01-01T00:00:00Z";
        crm.stubFor(get(urlPathEqualTo("/v1/contacts"))
                .willReturn(okJson(page(
                        false, contact("7", instant), contact("8", instant), contact("9", "2026-01-01T00:00:01Z")))));
        JsonNode checkpoint = json.readTree("{\"cursor\":\"" + instant + "\",\"ids_at_cursor\":[\"7\"]}");
        ReadPage page = connector.read(config(crm.baseUrl(), "key"), "contacts", checkpoint, context);
        assertThat(page.records()).extracting(r -> r.externalId()).containsExactly("8", "9");
        assertThat(page.checkpoint().toString())
                .isEqualTo("{\"cursor\":\"2026-01-01T00:00:01Z\",\"ids_at_cursor\":[\"9\"]}");
        crm.verify(getRequestedFor(urlPathEqualTo("/v1/contacts"))
                .withQueryParam("updated_since", com.github.tomakehurst.wiremock.client.WireMock.equalTo(instant)));
    }

    private ConnectorConfig config(String baseUrl, String key) {
        return connector.configure(
                new ConnectorSettings(json.createObjectNode().put("baseUrl", baseUrl), Map.of("apiKey", key)));
    }

    private static String page(boolean hasMore, String... contacts) {
        return "{\"data\":[" + String.join(",", contacts) + "],\"total\":" + contacts.length + ",\"has_more\":"
                + hasMore + "}";
    }

    private static String contact(String id, String updatedAt) {
        return "{\"id\":\"" + id
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"ada@example.com\",\"updated_at\":\""
                + updatedAt + "\"}";
    }
}
