package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.WriteResult;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Sandbox CRM's manifest writing contacts to a real HTTP server: a record the system refuses is reported with its
 * words and the batch goes on; credentials it rejects fail the batch.
 */
class ManifestWriteTest {

    @RegisterExtension
    static WireMockExtension crm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final EgressClient egress = TestEgress.reachingLoopback(new EgressProperties(
            List.of("localhost", "127.0.0.1"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            DataSize.ofMegabytes(1),
            3));
    private final ObjectMapper json = new ObjectMapper();
    private final Connector connector = new ManifestConnectors(egress, json)
            .load("sandbox-crm-2.yaml", getClass().getResourceAsStream("/connectors/sandbox-crm-2.yaml"));

    @Test
    void theContactsStreamSaysWhatTheCrmAccepts() {
        ConnectorSpec.StreamSpec contacts = connector.spec().streams().getFirst();
        assertThat(contacts.writable()).isTrue();
        assertThat(contacts.writeSchema().path("required").toString())
                .isEqualTo("[\"first_name\",\"last_name\",\"email\",\"company\"]");
    }

    @Test
    void aRefusedRecordIsReportedWithTheSystemsWordsAndTheRestIsWritten() {
        crm.stubFor(put(byEmail("ada")).willReturn(aResponse().withStatus(201).withBody("{\"result\":\"created\"}")));
        crm.stubFor(put(byEmail("cy"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"detail\":\"last_name is longer than the 40 characters this CRM keeps\"}")));
        crm.stubFor(
                put(byEmail("grace")).willReturn(aResponse().withStatus(200).withBody("{\"result\":\"unchanged\"}")));

        WriteResult result = connector.write(
                config("key"),
                "contacts",
                List.of(
                        contact("ada@example.com"),
                        contact("cy@example.com"),
                        contact(null),
                        contact("grace@example.com")));

        assertThat(result.written()).isOne();
        assertThat(result.refused())
                .containsExactly(
                        new WriteResult.Refusal(
                                1,
                                "Sandbox CRM refused a record (HTTP 422): last_name is longer than the 40 characters"
                                        + " this CRM keeps"),
                        new WriteResult.Refusal(2, "It has no 'email', which Sandbox CRM finds records by."));
        crm.verify(1, putRequestedFor(byEmail("cy")));
    }

    @Test
    void rejectedCredentialsFailTheBatch() {
        crm.stubFor(put(byEmail("ada")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> connector.write(config("wrong"), "contacts", List.of(contact("ada@example.com"))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH));
    }

    private ConnectorConfig config(String key) {
        return connector.configure(new ConnectorSettings(
                json.createObjectNode().put("apiUrl", crm.baseUrl() + "/v1"), Map.of("apiKey", key)));
    }

    private ObjectNode contact(String email) {
        ObjectNode contact = json.createObjectNode()
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("company", "Analytical Engines");
        if (email != null) {
            contact.put("email", email);
        }
        return contact;
    }

    /** The upsert address of one contact, its email's "@" escaped or not. */
    private static com.github.tomakehurst.wiremock.matching.UrlPathPattern byEmail(String name) {
        return urlPathMatching("/v1/contacts/by-email/" + name + "(@|%40)example\\.com");
    }
}
