package io.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Configuration as code: a connection exported as YAML imports back, in another organisation, into an equal
 * connection (secrets asked for, never exported); a document with an unknown key, another format or a wrong value is
 * refused naming its line, and nothing is made.
 */
@IntegrationTest
class ConnectionExportsIT {

    private static final String OWN_MAPPING = """
            {
              "firstName": .first_name,
              "lastName": .last_name,
              "email": normalize-email(.email),
              "company": uppercase(.company)
            }""";

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConnectionMappings mappings;

    @Autowired
    ConnectionExports exports;

    @Autowired
    SandboxCrm crm;

    @Test
    void anExportedConnectionImportsBackIntoAnEqualOneElsewhereWithItsSecretsAskedFor() {
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Export Co");
        Tenant target = TenantFixtures.tenantWithAdmin(tenants, encoder, "Import Co");
        Connection original = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, source.id(), "Exported CRM", Map.of("pageSize", 250), 45);
        Connection mapped =
                admin(source, () -> mappings.save(original.id(), original.version(), OWN_MAPPING, List.of()));
        String yaml = admin(source, () -> exports.export(mapped.id()));
        String key = admin(source, crm::apiKey);
        assertThat(yaml)
                .contains("format: patchbay.connection/1", "template: sandbox-crm-contacts@1", "pageSize: 250")
                .contains("secrets:\n- apiKey", "minutes: 45", "uppercase(.company)")
                .doesNotContain(key);

        assertThat(admin(target, () -> exports.secretsFor(yaml)))
                .extracting(s -> s.key())
                .containsExactly("apiKey");
        assertThatThrownBy(() -> admin(target, () -> exports.importYaml(yaml, Map.of())))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("secrets.apiKey"));
        String targetKey = admin(target, crm::apiKey);
        Connection imported = admin(target, () -> exports.importYaml(yaml, Map.of("apiKey", targetKey)));
        assertThat(imported.tenantId()).isEqualTo(target.id());
        assertThat(imported.isDraft()).isTrue();
        assertThat(imported.setupStep()).isEqualTo(SetupStep.SCHEDULE);
        assertThat(admin(target, () -> exports.export(imported.id()))).isEqualTo(yaml);
        Connection active = admin(target, () -> lifecycle.activate(imported.id(), imported.version()));
        assertThat(active.isDraft()).isFalse();
    }

    @Test
    void aDocumentThatCannotBeImportedIsRefusedNamingItsLineAndNothingIsMade() {
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Refusing Co");
        Connection original = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, source.id(), "CRM");
        String yaml = admin(source, () -> exports.export(original.id()));
        Map<String, String> secrets = Map.of("apiKey", admin(source, crm::apiKey));
        int before = admin(source, () -> connections.list().size());

        assertRefused(
                source,
                yaml.replace("schedule:", "colour: blue\nschedule:"),
                secrets,
                "colour",
                "'colour' is not a key of patchbay.connection/1");
        assertRefused(
                source,
                yaml.replace("format: patchbay.connection/1", "format: patchbay.connection/2"),
                secrets,
                "format",
                "this Patchbay reads patchbay.connection/1");
        assertRefused(
                source,
                yaml.replace("sandbox-crm-contacts@1", "sandbox-crm-contacts@7"),
                secrets,
                "template",
                "there is no template sandbox-crm-contacts@7");
        assertRefused(
                source,
                yaml.replace("minutes: 5", "minutes: 2"),
                secrets,
                "  minutes",
                "choose between 5 and 1440 minutes");
        String badUrl = yaml.replaceAll("apiUrl: .*", "apiUrl: not a url");
        assertRefused(source, badUrl, secrets, "  apiUrl", "apiUrl: Enter the API URL");
        // a list where one value belongs, a line break in a value, text where a number belongs, YAML that is not
        // YAML, and a document nested deeper than anyone writes one: each named by its line, in plain words
        String listUrl = yaml.replaceAll("apiUrl: .*", "apiUrl: [http://a.example, http://b.example]");
        assertRefused(source, listUrl, secrets, "  apiUrl", "apiUrl: Enter the API URL");
        String twoLines = yaml.replaceAll(
                "apiUrl: .*",
                java.util.regex.Matcher.quoteReplacement("apiUrl: \"http://a.example/v1\\r\\nX-Injected: 1\""));
        assertRefused(source, twoLines, secrets, "  apiUrl", "apiUrl: Remove the line breaks and control characters");
        assertRefused(
                source,
                yaml.replace("minutes: 5", "minutes: often"),
                secrets,
                "  minutes",
                "'schedule.minutes' should be a whole number");
        assertRefused(
                source,
                yaml.replace("schedule:", "schedule: [every, hour]\nunused:"),
                secrets,
                "schedule",
                "'schedule' should be a group of keys");
        // (an unclosed quote is found where the document ends)
        assertThatThrownBy(() ->
                        admin(source, () -> exports.importYaml(yaml.replace("name:", "name: \"unclosed"), secrets)))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessageMatching("Line \\d+: this is not YAML that can be read here .*");
        String deep = yaml.replace("settings:\n", "settings:\n  deep: " + "[".repeat(2_000) + "]".repeat(2_000) + "\n");
        assertThatThrownBy(() -> admin(source, () -> exports.importYaml(deep, secrets)))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessageContaining("nests too deep")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("StreamReadConstraints"));
        assertThat(admin(source, () -> connections.list().size()))
                .as("nothing made")
                .isEqualTo(before);
    }

    private void assertRefused(Tenant tenant, String document, Map<String, String> secrets, String key, String reason) {
        assertThatThrownBy(() -> admin(tenant, () -> exports.importYaml(document, secrets)))
                .isInstanceOfSatisfying(InvalidSetupException.class, e -> {
                    assertThat(e.field()).isEqualTo("yaml");
                    assertThat(e.getMessage()).contains(reason);
                    int line = lineOf(document, key);
                    if (line > 0) {
                        assertThat(e.getMessage()).startsWith("Line " + line + ": ");
                    }
                });
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
