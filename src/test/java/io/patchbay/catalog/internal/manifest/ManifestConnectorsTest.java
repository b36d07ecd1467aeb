package io.patchbay.catalog.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Manifests are checked before they run, and a broken one lists every problem with its path. */
class ManifestConnectorsTest {

    @Test
    void theShippedSandboxManifestIsValid() {
        ConnectorManifest manifest =
                ManifestConnectors.parse("sandbox-crm.yaml", resource("/connectors/sandbox-crm.yaml"));
        assertThat(manifest.streams())
                .extracting(ConnectorManifest.Stream::name)
                .containsExactly("contacts");
        assertThat(manifest.http().auth().type()).isEqualTo("api_key");
        assertThat(manifest.http().rateLimit())
                .as("the sandbox CRM's own limit, so that the demo's syncs are not answered 429")
                .isEqualTo(new ConnectorManifest.RateLimit(30, "10s", null));
    }

    @Test
    void theShippedCalendarManifestSignsInWithConsent() {
        ConnectorManifest manifest =
                ManifestConnectors.parse("sandbox-calendar.yaml", resource("/connectors/sandbox-calendar.yaml"));
        assertThat(manifest.http().auth().type()).isEqualTo("oauth2_authorization_code");
        assertThat(manifest.http().auth().scopes()).containsExactly("events.read");
        assertThat(manifest.http().auth().authorizeUrl()).isEqualTo("{{config.baseUrl}}/oauth/authorize");
    }

    @Test
    void aHalfWrittenConsentListsEveryProblemWithItsPath() {
        assertThatThrownBy(() ->
                        ManifestConnectors.parse("broken-consent.yaml", resource("/manifests/broken-consent.yaml")))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("$.http.auth.authorize_url: required"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.http.auth.client_secret: required"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("$.http.auth.scopes[1]:")
                                        .contains("pattern"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("$.http.auth.scopes:")
                                        .contains("unique"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.http.auth.account:")))
                .hasMessageContaining("broken-consent.yaml");
    }

    @Test
    void whatOnlyAConsentAsksForIsAProblemUnderAnotherAuthType() {
        assertThatThrownBy(() -> ManifestConnectors.parse(
                        "consent-fields-without-consent.yaml",
                        resource("/manifests/consent-fields-without-consent.yaml")))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "$.http.auth.authorize_url: only auth type oauth2_authorization_code asks for a "
                                                + "consent; this manifest's auth is oauth2_client_credentials",
                                        "$.http.auth.scopes: only auth type oauth2_authorization_code asks for a consent; "
                                                + "this manifest's auth is oauth2_client_credentials"));
    }

    @Test
    void everySchemaProblemIsListedWithItsPath() {
        assertThatThrownBy(() -> ManifestConnectors.parse("broken.yaml", resource("/manifests/broken.yaml")))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("$.check").contains("required"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.id"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.version"))
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("$.http.auth").contains("in"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.streams[0].path"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("$.streams[0].pagination")
                                        .contains("page_param")))
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void referencesToUndeclaredSettingsAndFieldsAreProblemsToo() {
        assertThatThrownBy(() ->
                        ManifestConnectors.parse("unknown-setting.yaml", resource("/manifests/unknown-setting.yaml")))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "$.config.required: 'region' is not among config.properties",
                                        "$.http.base_url: {{config.region}} names no setting in config.properties",
                                        "$.streams[0].primary_key: 'uuid' is not a property of the stream's schema",
                                        "$.streams[0].cursor_field: 'changed' is not a property of the stream's schema"));
    }

    @Test
    void aMigrationComesFromAnEarlierVersionAndNeverRendersASecret() throws Exception {
        String version2 = new String(resource("/connectors/sandbox-crm-2.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("  from: 1\n", "  from: 2\n")
                .replace("    apiUrl: \"{{config.baseUrl}}/v1\"", "    apiKey: \"{{config.apiKey}}\"\n    region: eu");
        assertThatThrownBy(() -> ManifestConnectors.parse(
                        "bad-migration.yaml", new ByteArrayInputStream(version2.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "$.migration.from: 2 is not an earlier version than this one (2)",
                                        "$.migration.settings.apiKey: is a secret; secrets carry over under their own names and are never rendered",
                                        "$.migration.settings.region: names no setting in config.properties"));
    }

    @Test
    void notYamlIsSaidPlainly() {
        assertThatThrownBy(() -> ManifestConnectors.parse(
                        "garbage.yaml", new ByteArrayInputStream("id: [unclosed".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems().get(0)).startsWith("$: not valid YAML"));
    }

    private InputStream resource(String path) {
        return getClass().getResourceAsStream(path);
    }
}
