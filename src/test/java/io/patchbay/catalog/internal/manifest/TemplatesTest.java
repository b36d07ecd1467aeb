package io.patchbay.catalog.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** What a tenant typed or a record holds stays one path segment in a write's path: no traversal, no query. */
class TemplatesTest {

    private static final JsonNodeFactory json = JsonNodeFactory.instance;

    @Test
    void settingsAndRecordValuesInAPathAreEncodedAsSegments() {
        var settings = json.objectNode().put("account", "../../admin?x=1");
        var record = json.objectNode().put("email", "ada/../x@example.com");

        String path = Templates.renderPath("/accounts/{{config.account}}/contacts/{{record:/email}}", settings, record);

        assertThat(path).isEqualTo("/accounts/..%2F..%2Fadmin%3Fx%3D1/contacts/ada%2F..%2Fx%40example.com");
    }

    @Test
    void elsewhereSettingsAreRenderedAsTheyAre() {
        var settings = json.objectNode().put("apiUrl", "https://crm.example.com/v1");

        assertThat(Templates.render("{{config.apiUrl}}", settings, json.nullNode()))
                .isEqualTo("https://crm.example.com/v1");
    }
}
