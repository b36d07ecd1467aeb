package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Cursor tokens, next URLs, Link headers and offsets, each read to the end through the runtime. */
class PagingStrategiesTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ObjectMapper json = new ObjectMapper();
    private final Connector connector = new ManifestConnectors(
                    TestEgress.reachingLoopback(new EgressProperties(
                            List.of("localhost"),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(5),
                            DataSize.ofMegabytes(1),
                            2)),
                    json)
            .load("paged-billing.yaml", getClass().getResourceAsStream("/manifests/paged-billing.yaml"));
    private final ReadContext context = new ReadContext() {
        @Override
        public String correlationId() {
            return "run-paging";
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void throttled(Duration waited) {}
    };

    @Test
    void checkRendersTheSummaryWithBearerAuth() {
        api.stubFor(get(urlPathEqualTo("/me")).willReturn(okJson("{\"name\":\"Acme Ltd\"}")));
        assertThat(connector.check(config()).summary()).isEqualTo("Signed in as Acme Ltd.");
        api.verify(getRequestedFor(urlPathEqualTo("/me"))
                .withHeader("Authorization", equalTo("Bearer tok_live_1234"))
                .withHeader("Accept-Version", equalTo("2024-01")));
    }

    @Test
    void cursorTokensAreFollowedAndTheIncrementalCursorAdvancesAtTheEnd() throws Exception {
        api.stubFor(get(urlPathEqualTo("/invoices"))
                .withQueryParam("after", absent())
                .willReturn(okJson("{\"items\":[{\"id\":\"i1\",\"updated\":\"2026-01-02T00:00:00Z\"},"
                        + "{\"id\":\"i2\",\"updated\":\"2026-01-01T00:00:00Z\"}],\"next_cursor\":\"c2\"}")));
        api.stubFor(get(urlPathEqualTo("/invoices"))
                .withQueryParam("after", equalTo("c2"))
                .willReturn(okJson(
                        "{\"items\":[{\"id\":\"i3\",\"updated\":\"2026-01-03T00:00:00Z\"}],\"next_cursor\":null}")));
        List<ReadPage> pages = readAll("invoices", null);
        assertThat(ids(pages)).containsExactly("i1", "i2", "i3");
        assertThat(pages.get(0).checkpoint().toString())
                .isEqualTo("{\"next\":{\"token\":\"c2\"},\"max_seen\":\"2026-01-02T00:00:00Z\"}");
        assertThat(pages.get(1).checkpoint().toString()).isEqualTo("{\"cursor\":\"2026-01-03T00:00:00Z\"}");

        api.resetRequests();
        api.stubFor(get(urlPathEqualTo("/invoices"))
                .withQueryParam("since", equalTo("2026-01-03T00:00:00Z"))
                .willReturn(okJson("{\"items\":[],\"next_cursor\":\"\"}")));
        assertThat(ids(readAll("invoices", pages.get(1).checkpoint()))).isEmpty();
        api.verify(
                getRequestedFor(urlPathEqualTo("/invoices")).withQueryParam("since", equalTo("2026-01-03T00:00:00Z")));
    }

    @Test
    void nextUrlsAreFollowedOnlyOnTheSameOrigin() {
        api.stubFor(get(urlPathEqualTo("/customers"))
                .willReturn(okJson("{\"data\":[{\"id\":\"c1\"}],\"links\":{\"next\":\"" + api.baseUrl()
                        + "/customers/page/2\"}}")));
        api.stubFor(get(urlPathEqualTo("/customers/page/2"))
                .willReturn(okJson("{\"data\":[{\"id\":\"c2\"}],\"links\":{}}")));
        assertThat(ids(readAll("customers", null))).containsExactly("c1", "c2");
        api.verify(getRequestedFor(urlPathEqualTo("/customers/page/2"))
                .withHeader("Authorization", equalTo("Bearer tok_live_1234")));
    }

    @Test
    void linkHeadersAreFollowed() {
        api.stubFor(get(urlPathEqualTo("/events"))
                .willReturn(okJson("[{\"id\":1},{\"id\":2}]")
                        .withHeader(
                                "Link",
                                "<" + api.baseUrl() + "/events2>; rel=\"next\", <" + api.baseUrl()
                                        + "/events9>; rel=\"last\"")));
        api.stubFor(get(urlPathEqualTo("/events2")).willReturn(okJson("[{\"id\":3}]")));
        assertThat(ids(readAll("events", null))).containsExactly("1", "2", "3");
    }

    @Test
    void offsetsAdvanceUntilAShortPage() {
        api.stubFor(get(urlPathEqualTo("/payments"))
                .withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"payments\":[{\"id\":\"p1\"},{\"id\":\"p2\"}]}")));
        api.stubFor(get(urlPathEqualTo("/payments"))
                .withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"payments\":[{\"id\":\"p3\"}]}")));
        List<ReadPage> pages = readAll("payments", null);
        assertThat(ids(pages)).containsExactly("p1", "p2", "p3");
        assertThat(pages.get(pages.size() - 1).checkpoint().toString())
                .as("a full refresh starts over next time")
                .isEqualTo("{}");
    }

    private List<ReadPage> readAll(String stream, JsonNode checkpoint) {
        List<ReadPage> pages = new ArrayList<>();
        ConnectorConfig config = config();
        JsonNode at = checkpoint;
        for (int i = 0; i < 10; i++) {
            ReadPage page = connector.read(config, stream, at, context);
            pages.add(page);
            at = page.checkpoint();
            if (!page.hasMore()) {
                return pages;
            }
        }
        throw new AssertionError("did not finish in 10 pages");
    }

    private static List<String> ids(List<ReadPage> pages) {
        return pages.stream()
                .flatMap(p -> p.records().stream())
                .map(SourceRecord::externalId)
                .toList();
    }

    private ConnectorConfig config() {
        return connector.configure(new ConnectorSettings(
                json.createObjectNode().put("baseUrl", api.baseUrl()), Map.of("token", "tok_live_1234")));
    }
}
