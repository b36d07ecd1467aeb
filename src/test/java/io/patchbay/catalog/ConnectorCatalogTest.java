package io.patchbay.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.internal.manifest.ManifestConnectors;
import io.patchbay.catalog.internal.templates.TemplateFiles;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.mapping.Mappings;
import io.patchbay.schema.SchemaRegistry;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

/** Settings are checked against each connector's schema, in words a person can act on. */
class ConnectorCatalogTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ConnectorCatalog catalog = catalog(sandboxTemplates());

    /** The catalog with the manifests shipped, and templates from {@code sources} beside the product's. */
    private ConnectorCatalog catalog(TemplateSource... sources) {
        var beans = new StaticListableBeanFactory();
        for (int i = 0; i < sources.length; i++) {
            beans.addBean("source" + i, sources[i]);
        }
        return new ConnectorCatalog(
                beans.getBeanProvider(Connector.class),
                new ManifestConnectors(
                        new EgressClient(new EgressProperties(
                                List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), DataSize.ofMegabytes(1), 1)),
                        json),
                beans.getBeanProvider(TemplateSource.class),
                new Mappings(new SchemaRegistry()));
    }

    /**
     * The sandbox's templates on manifest connectors, as the sandbox module contributes them (the webhook one needs a
     * Java connector, which this test does not build).
     */
    private static TemplateSource sandboxTemplates() {
        return () -> {
            try {
                List<TemplateSource.TemplateDocument> documents = new ArrayList<>();
                for (Resource file :
                        new PathMatchingResourcePatternResolver().getResources("classpath:sandbox/templates/*.yaml")) {
                    var document = TemplateFiles.read(file);
                    if (document.source().contains("invoice-events@")) {
                        continue;
                    }
                    documents.add(new TemplateSource.TemplateDocument(
                            document.source(),
                            document.yaml().replace("{{sandbox.baseUrl}}", "http://localhost:8080")));
                }
                return documents;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void shipsTheSandboxCrmAsAManifestWithItsTemplate() {
        assertThat(catalog.connector("sandbox-crm@1")).isPresent();
        assertThat(catalog.template("sandbox-crm-contacts").orElseThrow().connector())
                .as("templates use the newest version")
                .isEqualTo("sandbox-crm@2");
    }

    @Test
    void theSandboxTemplatesMapRecordsAsTheirFieldListsDid() {
        assertThat(map("sandbox-crm-contacts", """
                        {"id": "c1", "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                         "company": "Analytical Engines", "phone": null, "updated_at": "2026-01-01T00:00:00Z"}""")).isEqualTo(json.readTree("""
                        {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
                         "company": "Analytical Engines"}"""));
        assertThat(map("sandbox-billing-invoices", """
                        {"id": "in_1", "customer": "cus_1", "number": "INV-1", "amount_cents": 1200, "currency": "eur",
                         "status": "paid", "issued_at": "2026-01-01", "updated_at": "2026-01-02T00:00:00Z"}""")).isEqualTo(json.readTree("""
                        {"number": "INV-1", "customerId": "cus_1", "amountCents": 1200, "currency": "eur",
                         "status": "paid"}"""));
        assertThat(map("sandbox-calendar-events", """
                        {"id": "e1", "title": "Standup", "location": "", "starts_at": "2026-01-05T09:00:00Z",
                         "ends_at": "2026-01-05T09:15:00Z", "updated_at": "2026-01-01T00:00:00Z"}""")).isEqualTo(json.readTree("""
                        {"title": "Standup", "startsAt": "2026-01-05T09:00:00Z", "endsAt": "2026-01-05T09:15:00Z"}"""));
        var mappings = new Mappings(new SchemaRegistry());
        var crm = catalog.template("sandbox-crm-contacts").orElseThrow();
        assertThat(mappings.compile(crm.entity(), crm.mapping())
                        .apply(
                                "c2",
                                json.readTree("{\"first_name\": \"Ada\", \"last_name\": \" \", \"email\": \"a@b.co\"}"))
                        .valid())
                .as("a blank required field is still a skipped record")
                .isFalse();
    }

    @Test
    void aTemplateThatDoesNotFitItsConnectorStopsTheStartNamingEachProblem() {
        TemplateSource broken = () -> List.of(new TemplateSource.TemplateDocument("broken@1.yaml", """
                format: 1
                id: broken
                version: 1
                name: Broken
                connector: sandbox-crm@2
                settings:
                  apiUrl: not a url
                  apiKey: sbx_never_in_a_template
                  colour: blue
                stream:
                  name: deals
                  entity: contact
                  mapping: '{"firstName": .first_name'
                """));
        assertThatThrownBy(() -> catalog(broken))
                .hasMessageStartingWith("broken@1.yaml (broken@1): ")
                .hasMessageContaining("settings.colour: sandbox-crm@2 has no setting 'colour'")
                .hasMessageContaining("settings.apiKey: a template never carries a secret")
                .hasMessageContaining("settings.apiUrl: Enter the API URL including its version")
                .hasMessageContaining("stream.name: sandbox-crm@2 has no stream 'deals'")
                .hasMessageContaining("stream.mapping: Line 1, column");
    }

    @Test
    void aKeyTheTemplateFormatDoesNotHaveIsRefusedNamingItsLine() {
        TemplateSource unknownKey = () -> List.of(new TemplateSource.TemplateDocument("odd@1.yaml", """
                format: 1
                id: odd
                version: 1
                name: Odd
                connector: sandbox-crm@2
                schedule:
                  minutes: 15
                  jitter: 5
                """));
        assertThatThrownBy(() -> catalog(unknownKey))
                .hasMessageStartingWith("odd@1.yaml, line 8: ")
                .hasMessageContaining("jitter");
        TemplateSource otherFormat = () -> List.of(new TemplateSource.TemplateDocument("future@1.yaml", """
                id: future
                format: 2
                version: 1
                name: Future
                connector: sandbox-crm@2
                """));
        assertThatThrownBy(() -> catalog(otherFormat))
                .hasMessage("future@1.yaml, line 2: this is template format 2; this Patchbay reads format 1");
    }

    private tools.jackson.databind.JsonNode map(String templateId, String record) {
        Template template = catalog.template(templateId).orElseThrow();
        var mapped = new Mappings(new SchemaRegistry())
                .compile(template.entity(), template.mapping())
                .apply("x", json.readTree(record));
        assertThat(mapped.problems()).isEmpty();
        return mapped.data();
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
