package io.patchbay.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.internal.manifest.ManifestConnectors;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

/** Settings are checked against each connector's schema, in words a person can act on. */
class ConnectorCatalogTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ConnectorCatalog catalog = new ConnectorCatalog(
            new StaticListableBeanFactory().getBeanProvider(Connector.class),
            new ManifestConnectors(
                    new EgressClient(new EgressProperties(
                            List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1), 1)),
                    json),
            json,
            true,
            "http://localhost:8080");

    @Test
    void shipsTheSandboxCrmAsAManifestWithItsTemplate() {
        assertThat(catalog.connector("sandbox-crm@1")).isPresent();
        assertThat(catalog.template("sandbox-crm-contacts").orElseThrow().connector())
                .as("templates use the newest version")
                .isEqualTo("sandbox-crm@2");
    }

    @Test
    void saysWhatTheCertificationKitProvedAndNothingForConnectorsItNeverCertified() {
        assertThat(catalog.certification("sandbox-crm@1"))
                .hasValueSatisfying(
                        certification -> assertThat(certification.certified()).isTrue());
        assertThat(catalog.certification("sandbox-crm@9")).isEmpty();
    }

    @Test
    void namesEachWrongFieldWithTheManifestsWords() {
        var problems = catalog.problems("sandbox-crm@1", settings("not a url", ""));
        assertThat(problems)
                .containsExactly(
                        new SettingProblem("apiKey", "Enter the API key"),
                        new SettingProblem(
                                "baseUrl", "Enter a URL that starts with https:// (or http://) and names a host"));
    }

    @Test
    void missingRequiredSettingsAreNamedToo() {
        var problems = catalog.problems("sandbox-crm@1", new ConnectorSettings(json.createObjectNode(), Map.of()));
        assertThat(problems).extracting(SettingProblem::field).containsExactlyInAnyOrder("baseUrl", "apiKey");
    }

    @Test
    void validSettingsConfigureTheConnector() {
        assertThat(catalog.problems("sandbox-crm@1", settings("https://crm.example.com/api", "sbx_key_1234")))
                .isEmpty();
        assertThat(catalog.configure("sandbox-crm@1", settings("https://crm.example.com/api", "sbx_key_1234"))
                        .toString())
                .doesNotContain("sbx_key_1234");
        assertThatThrownBy(() -> catalog.configure("sandbox-crm@1", settings("nope", "sbx_key_1234")))
                .isInstanceOf(InvalidSettingsException.class);
    }

    private ConnectorSettings settings(String baseUrl, String apiKey) {
        return new ConnectorSettings(
                json.createObjectNode().put("baseUrl", baseUrl),
                apiKey.isEmpty() ? Map.of() : Map.of("apiKey", apiKey));
    }
}
