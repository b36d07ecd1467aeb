package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

/**
 * A manifest's {@code rate_limit} paces each connection's requests. The pace is kept in a clock that moves only when
 * a wait is spent, so the tests count and measure the waits without ever sleeping.
 */
class PacingTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final EgressClient egress = TestEgress.reachingLoopback(new EgressProperties(
            List.of("localhost"), Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofMegabytes(1), 2));

    private final ObjectMapper json = new ObjectMapper();
    private final FakeClock clock = new FakeClock();
    private final List<Duration> throttled = new ArrayList<>();
    private boolean cancelled;
    private final ReadContext context = new ReadContext() {
        @Override
        public String correlationId() {
            return "run-pacing";
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public void throttled(Duration waited) {
            throttled.add(waited);
        }
    };

    @BeforeEach
    void stubTheApi() {
        api.stubFor(get(urlPathEqualTo("/items")).willReturn(okJson("{\"data\":[{\"id\":\"1\"}]}")));
    }

    @Test
    void requestsOfOneConnectionAreSpacedEvenlyAndAreNotReportedAsThrottling() {
        Connector connector = connector("requests: 2, per: 1s");
        ConnectorConfig config = config(connector, "key-a");

        for (int i = 0; i < 4; i++) {
            connector.read(config, "items", null, context);
        }

        assertThat(clock.waits)
                .as("the first request goes at once, each later one half a second after the one before")
                .containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
        api.verify(4, getRequestedFor(urlPathEqualTo("/items")));
        assertThat(throttled).as("keeping its own pace is not being throttled").isEmpty();
    }

    @Test
    void eachConnectionKeepsItsOwnPace() {
        Connector connector = connector("requests: 2, per: 1s");

        connector.read(config(connector, "key-a"), "items", null, context);
        connector.read(config(connector, "key-b"), "items", null, context);
        connector.read(config(connector, "key-a"), "items", null, context);

        assertThat(clock.waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aConnectionWhosePlanAllowsMoreSetsItsOwnPace() {
        Connector connector = connector("requests: 2, per: 1s, setting: rateLimit");
        ConnectorConfig raised = connector.configure(new ConnectorSettings(
                json.createObjectNode().put("baseUrl", api.baseUrl()).put("rateLimit", 10), Map.of("apiKey", "a")));
        ConnectorConfig manifests = config(connector, "key-b");

        connector.read(raised, "items", null, context);
        connector.read(raised, "items", null, context);
        connector.read(manifests, "items", null, context);
        connector.read(manifests, "items", null, context);

        assertThat(clock.waits)
                .as("ten per second for the connection that set it, the manifest's two for the one that did not")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(500));
    }

    @Test
    void aRateLimitSettingMustBeABoundedIntegerSetting() {
        assertThatThrownBy(() -> parse("requests: 2, per: 1s, setting: apiKey"))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("$.http.rate_limit.setting: 'apiKey' must be an integer setting with "
                                        + "a minimum and a maximum, not a secret"));
        assertThatThrownBy(() -> parse("requests: 2, per: 1s, setting: speed"))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("$.http.rate_limit.setting: 'speed' is not among config.properties"));
    }

    @Test
    void aCancelledRunStopsWaitingForItsTurnAndSendsNothingMore() {
        Connector connector = connector("requests: 2, per: 1s");
        ConnectorConfig config = config(connector, "key-a");
        connector.read(config, "items", null, context);
        clock.duringWait = () -> cancelled = true;

        assertThatThrownBy(() -> connector.read(config, "items", null, context))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).isEqualTo("The run was cancelled."));
        api.verify(1, getRequestedFor(urlPathEqualTo("/items")));
    }

    @Test
    void testConnectionDoesNotWaitLongForItsTurn() {
        Connector connector = connector("requests: 6, per: 1m");
        ConnectorConfig config = config(connector, "key-a");
        connector.read(config, "items", null, context);

        CheckResult result = connector.check(config);

        assertThat(result.success()).isFalse();
        assertThat(result.error().errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
        assertThat(result.error().message()).contains("rate limit").contains("next turn");
        assertThat(clock.waits).as("a turn 10 s away is not waited for").isEmpty();
        api.verify(1, getRequestedFor(urlPathEqualTo("/items")));
    }

    @Test
    void theSpecShowsThePace() {
        assertThat(connector("requests: 2, per: 1s").spec().pace())
                .isEqualTo(new ConnectorSpec.Pace(2, Duration.ofSeconds(1)));
        assertThat(connector("requests: 90, per: 1h").spec().pace())
                .isEqualTo(new ConnectorSpec.Pace(90, Duration.ofHours(1)));
    }

    @Test
    void rateLimitsThatAreNotDurationsOrCountsAreNamedByPath() {
        assertThatThrownBy(() -> parse("requests: 0, per: 10 seconds"))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("$.http.rate_limit.requests:"))
                                .anySatisfy(p -> assertThat(p).startsWith("$.http.rate_limit.per:")));
        assertThatThrownBy(() -> parse("requests: 30"))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("$.http.rate_limit.per:")
                                        .contains("required")));
    }

    @Test
    void aPaceSlowerThanOneRequestAMinuteIsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("requests: 1000, per: 24h"))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("$.http.rate_limit: 1000 per 24h would space requests 86 s apart, and "
                                        + "Patchbay waits at most 60 s between requests; for an hourly or daily quota leave "
                                        + "rate_limit out, and Patchbay waits as the system's 429 answers ask"));
    }

    private Connector connector(String rateLimit) {
        return new ManifestConnector(
                parse(rateLimit),
                egress,
                new ClientCredentialsTokens(egress),
                new AuthorizationCodeTokens(egress, json),
                json,
                clock);
    }

    private static ConnectorManifest parse(String rateLimit) {
        String yaml = PACED_MANIFEST.replace("RATE_LIMIT", rateLimit);
        return ManifestConnectors.parse("paced.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private ConnectorConfig config(Connector connector, String apiKey) {
        return connector.configure(
                new ConnectorSettings(json.createObjectNode().put("baseUrl", api.baseUrl()), Map.of("apiKey", apiKey)));
    }

    private static final String PACED_MANIFEST = """
            id: paced
            version: 1
            name: Paced API
            description: One stream behind a rate limit.
            config:
              type: object
              required: [baseUrl, apiKey]
              properties:
                baseUrl: {type: string, title: Base URL}
                apiKey: {type: string, title: API key, writeOnly: true}
                rateLimit: {type: integer, title: Requests per second, minimum: 1, maximum: 100}
            http:
              base_url: "{{config.baseUrl}}"
              auth: {type: api_key, in: header, name: X-API-Key, value: "{{config.apiKey}}"}
              rate_limit: {RATE_LIMIT}
            check:
              path: /items
              summary: Connected.
            streams:
              - name: items
                path: /items
                records: /data
                primary_key: id
                pagination: {type: none}
                schema: {type: object, properties: {id: {type: string}}}
            """;

    /** A clock that moves only when a wait is spent, and remembers each wait. */
    private static final class FakeClock implements Pacing.Clock {

        private final List<Duration> waits = new ArrayList<>();
        private long now;
        private Runnable duringWait = () -> {};

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public void sleep(long nanos, BooleanSupplier cancelled) {
            waits.add(Duration.ofNanos(nanos));
            duringWait.run();
            if (!cancelled.getAsBoolean()) {
                now += nanos;
            }
        }
    }
}
