package io.patchbay.certification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.networknt.schema.Schema;
import io.patchbay.catalog.ConnectorCertification;
import io.patchbay.catalog.internal.Certifications;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.Received;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.schema.JsonSchemas;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The certification kit: the behaviour every connector must show before anyone relies on it, as JUnit 5 dynamic
 * tests. Spec and schemas are valid; Test connection succeeds with good settings and answers AUTH or CONFIG (never
 * an exception) with bad ones; records conform to the schemas discovery reports; a full read followed by an
 * incremental one resumes from the checkpoint without gaps; a read restarted from a mid-stream checkpoint misses
 * nothing; 429 and 5xx are retried and classified when they persist; and a canary secret appears in no log line,
 * error or toString.
 *
 * <p>The shipped connectors' results are committed in {@code connectors/certification.json} for the Connectors page;
 * {@link #certifyAsRecorded} runs the kit and then holds that entry to the run.
 */
public final class CertificationKit {

    /** Raise it when the checks change: every committed certification then needs a fresh run. */
    public static final int VERSION = 1;

    private static final int MAX_PAGES = 200;
    private static final String CANARY = "canary-7f3a9c1e5b-secret";

    private CertificationKit() {}

    public static Stream<DynamicTest> certify(Certification target) {
        if (target.connector().spec().pushed()) {
            return pushChecks(target).stream();
        }
        Connector connector = target.connector();
        ConnectorSpec spec = connector.spec();
        String name = spec.reference();
        List<DynamicTest> tests = new ArrayList<>(List.of(
                dynamicTest(name + ": spec and stream schemas are valid JSON Schema", () -> specIsValid(spec)),
                dynamicTest(name + ": Test connection succeeds with good settings", () -> {
                    CheckResult result = connector.check(connector.configure(target.settings()));
                    assertThat(result.success()).as(result.summary()).isTrue();
                }),
                dynamicTest(
                        name + ": Test connection with wrong credentials is AUTH or CONFIG",
                        () -> wrongSettingsRefused(target)),
                dynamicTest(name + ": records conform to the discovered schema", () -> recordsConform(target)),
                dynamicTest(
                        name + ": full read, then an incremental read resumes without gaps",
                        () -> fullThenIncremental(target)),
                dynamicTest(
                        name + ": a read restarted from a mid-stream checkpoint misses nothing",
                        () -> restartMidStream(target)),
                dynamicTest(
                        name + ": the canary secret appears in no log line, error or toString",
                        () -> canaryStaysHidden(target))));
        if (target.baseUrlSetting() != null) {
            tests.addAll(httpFaults(target));
        }
        if (target.writeStream() != null) {
            tests.add(dynamicTest(
                    name + ": writing the same batch twice leaves the same state", () -> writesAreIdempotent(target)));
        }
        return tests.stream();
    }

    /**
     * A shipped manifest connector whose egress guard lets it reach this machine: the kit puts a fault-injecting proxy
     * on loopback between the connector and the system, which the hub's own guard would never call.
     */
    public static Connector shippedManifest(String reference) {
        return new io.patchbay.catalog.internal.manifest.ManifestConnectors(
                        io.patchbay.security.egress.TestEgress.reachingLoopback("localhost"),
                        new tools.jackson.databind.ObjectMapper())
                .shipped().stream()
                        .filter(connector -> connector.spec().reference().equals(reference))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("No shipped manifest is " + reference));
    }

    /**
     * The kit's checks, counted, and then one more: the connector's entry in {@code connectors/certification.json}
     * must say what this run showed (kit version, checks passed, checks run), so the Connectors page never claims a
     * certification the build does not prove. A failing check fails that one too.
     */
    public static Stream<DynamicTest> certifyAsRecorded(Certification target) {
        String reference = target.connector().spec().reference();
        List<DynamicTest> checks = certify(target).toList();
        AtomicInteger passed = new AtomicInteger();
        Stream<DynamicTest> counted = checks.stream()
                .map(check -> dynamicTest(check.getDisplayName(), () -> {
                    check.getExecutable().execute();
                    passed.incrementAndGet();
                }));
        DynamicTest recorded =
                dynamicTest(reference + ": connectors/certification.json says what this run shows", () -> {
                    String thisRun = "\"" + reference + "\": {\"kit\": " + VERSION + ", \"passed\": " + passed.get()
                            + ", \"checks\": " + checks.size() + ", \"certified\": \"" + LocalDate.now() + "\"}";
                    ConnectorCertification entry = Certifications.shipped().get(reference);
                    assertThat(entry)
                            .as("no entry for " + reference + "; this run is " + thisRun)
                            .isNotNull();
                    assertThat(entry.kitVersion())
                            .as("kit version; this run is " + thisRun)
                            .isEqualTo(VERSION);
                    assertThat(entry.checks())
                            .as("checks run; this run is " + thisRun)
                            .isEqualTo(checks.size());
                    assertThat(entry.checksPassed())
                            .as("checks passed; this run is " + thisRun)
                            .isEqualTo(passed.get());
                    assertThat(entry.certifiedOn())
                            .as("certified in the future")
                            .isBeforeOrEqualTo(LocalDate.now());
                });
        return Stream.concat(counted, Stream.of(recorded));
    }

    /** For connectors that speak HTTP: faults injected by a proxy between the connector and the system. */
    private static List<DynamicTest> httpFaults(Certification target) {
        Connector connector = target.connector();
        String name = connector.spec().reference();
        return List.of(
                dynamicTest(
                        name + ": 429 is waited out and retried",
                        () -> withFaults(target, (proxy, config) -> {
                            proxy.stubFor(any(anyUrl())
                                    .atPriority(1)
                                    .inScenario("throttle")
                                    .whenScenarioStateIs(Scenario.STARTED)
                                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                                    .willSetStateTo("open"));
                            List<Duration> waits = new ArrayList<>();
                            ReadPage page = connector.read(config, target.stream(), null, context(waits));
                            assertThat(waits)
                                    .as("throttling reported to the run")
                                    .isNotEmpty();
                            assertThat(page.records()).isNotEmpty();
                        })),
                dynamicTest(
                        name + ": persistent 5xx ends as TRANSIENT after retries",
                        () -> withFaults(target, (proxy, config) -> {
                            proxy.stubFor(any(anyUrl())
                                    .atPriority(1)
                                    .willReturn(aResponse().withStatus(503)));
                            assertThatThrownBy(() ->
                                            connector.read(config, target.stream(), null, context(new ArrayList<>())))
                                    .isInstanceOfSatisfying(
                                            ConnectorException.class,
                                            e -> assertThat(e.error().errorClass())
                                                    .as(e.error().toString())
                                                    .isEqualTo(ErrorClass.TRANSIENT));
                            assertThat(proxy.getAllServeEvents())
                                    .as("retried before giving up")
                                    .hasSizeGreaterThan(1);
                        })),
                dynamicTest(
                        name + ": persistent 429 ends as RATE_LIMIT",
                        () -> withFaults(target, (proxy, config) -> {
                            proxy.stubFor(any(anyUrl())
                                    .atPriority(1)
                                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
                            assertThatThrownBy(() ->
                                            connector.read(config, target.stream(), null, context(new ArrayList<>())))
                                    .isInstanceOfSatisfying(
                                            ConnectorException.class,
                                            e -> assertThat(e.error().errorClass())
                                                    .as(e.error().toString())
                                                    .isEqualTo(ErrorClass.RATE_LIMIT));
                        })));
    }

    /**
     * For connectors that are sent their data: what they receive is staged here as the runtime stages it, and
     * their reads page through it.
     */
    private static List<DynamicTest> pushChecks(Certification target) {
        Connector connector = target.connector();
        String name = connector.spec().reference();
        List<DynamicTest> tests = new ArrayList<>(List.of(
                dynamicTest(
                        name + ": spec and stream schemas are valid JSON Schema", () -> specIsValid(connector.spec())),
                dynamicTest(name + ": Test connection succeeds with good settings", () -> {
                    CheckResult result = connector.check(connector.configure(target.settings()));
                    assertThat(result.success()).as(result.summary()).isTrue();
                })));
        if (target.wrongCredentials() != null) {
            tests.add(dynamicTest(
                    name + ": Test connection with wrong settings is AUTH or CONFIG",
                    () -> wrongSettingsRefused(target)));
        }
        tests.addAll(List.of(
                dynamicTest(name + ": the same message received again keeps its id", () -> {
                    ConnectorConfig config = connector.configure(target.settings());
                    for (PushedData data : target.pushed()) {
                        Received first = connector.receive(config, data);
                        Received again = connector.receive(config, data);
                        assertThat(first.messageId()).isNotBlank().isEqualTo(again.messageId());
                    }
                }),
                dynamicTest(name + ": data that is not authentic or usable is AUTH or DATA, with a fix", () -> {
                    ConnectorConfig config = connector.configure(target.settings());
                    assertThatThrownBy(() -> connector.receive(config, target.refused()))
                            .isInstanceOfSatisfying(ConnectorException.class, e -> {
                                assertThat(e.error().errorClass()).isIn(ErrorClass.AUTH, ErrorClass.DATA);
                                assertThat(e.error().fix()).isNotBlank();
                            });
                }),
                dynamicTest(name + ": received records conform to the stream's schema", () -> {
                    ConnectorConfig config = connector.configure(target.settings());
                    StreamSpec stream = connector.discover(config).stream()
                            .filter(s -> s.name().equals(target.stream()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no stream " + target.stream()));
                    Schema schema = JsonSchemas.compile(stream.schema());
                    List<PushedRecord> staged = stage(target, target.pushed());
                    assertThat(staged).as("records received").isNotEmpty();
                    staged.forEach(
                            pushed -> assertThat(schema.validate(pushed.record().data()))
                                    .as("record " + pushed.record().externalId())
                                    .isEmpty());
                }),
                dynamicTest(name + ": full read, then an incremental read resumes without gaps", () -> {
                    ConnectorConfig config = connector.configure(target.settings());
                    List<PushedData> earlier =
                            target.pushed().subList(0, target.pushed().size() - 1);
                    List<PushedRecord> staged = new ArrayList<>(stage(target, earlier));
                    Read full = readAll(connector, config, target.stream(), null, staged);
                    assertThat(full.ids()).hasSize(staged.size());
                    List<PushedRecord> later = stage(target, target.pushed());
                    Read incremental = readAll(connector, config, target.stream(), full.checkpoint(), later);
                    assertThat(incremental.ids())
                            .as("only what arrived after the checkpoint")
                            .hasSize(later.size() - staged.size());
                }),
                dynamicTest(name + ": a read restarted from a mid-stream checkpoint misses nothing", () -> {
                    ConnectorConfig config = connector.configure(target.settings());
                    List<PushedRecord> staged = stage(target, target.pushed());
                    ReadPage first = connector.read(config, target.stream(), null, context(new ArrayList<>(), staged));
                    assertThat(first.hasMore())
                            .as("the pushed data fills more than one page")
                            .isTrue();
                    List<String> seen = new ArrayList<>();
                    first.records().forEach(r -> seen.add(r.externalId()));
                    seen.addAll(readAll(connector, config, target.stream(), first.checkpoint(), staged)
                            .ids());
                    assertThat(seen).hasSize(staged.size());
                })));
        if (!target.settings().secrets().isEmpty()) {
            tests.add(dynamicTest(
                    name + ": the canary secret appears in no log line, error or toString",
                    () -> canaryStaysHidden(target)));
        }
        return tests;
    }

    /** Receives each message once, as the runtime does, and numbers the records in arrival order. */
    private static List<PushedRecord> stage(Certification target, List<PushedData> messages) {
        ConnectorConfig config = target.connector().configure(target.settings());
        Set<String> seen = new HashSet<>();
        List<PushedRecord> staged = new ArrayList<>();
        for (PushedData data : messages) {
            Received received = target.connector().receive(config, data);
            if (seen.add(received.messageId())) {
                long sequence = seen.size();
                received.records()
                        .forEach(record -> staged.add(
                                new PushedRecord(new PushedRecord.Position(sequence, staged.size() + 1), record)));
            }
        }
        return staged;
    }

    /** Wrong settings are refused when configured or when tested, classified, with a fix; never an exception. */
    private static void wrongSettingsRefused(Certification target) {
        Connector connector = target.connector();
        CheckResult result;
        try {
            result = connector.check(connector.configure(target.wrongCredentials()));
        } catch (ConnectorException e) {
            result = CheckResult.failed(e.error());
        }
        assertThat(result.success()).isFalse();
        assertThat(result.error().errorClass()).isIn(ErrorClass.AUTH, ErrorClass.CONFIG);
        assertThat(result.error().fix()).isNotBlank();
    }

    private static void writesAreIdempotent(Certification target) {
        Connector connector = target.connector();
        assertThat(connector.spec().can(ConnectorSpec.Capability.WRITE))
                .as("declares WRITE")
                .isTrue();
        ConnectorConfig config = connector.configure(target.settings());
        String primaryKey = connector.discover(config).stream()
                .filter(s -> s.name().equals(target.writeStream()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("discover does not report " + target.writeStream()))
                .primaryKey();
        String key = target.writeKey() != null ? target.writeKey() : primaryKey;
        var first = connector.write(config, target.writeStream(), target.sampleRecords());
        var second = connector.write(config, target.writeStream(), target.sampleRecords());
        assertThat(first.written())
                .as("the first write")
                .isEqualTo(target.sampleRecords().size());
        assertThat(second.written()).as("the same batch again changes nothing").isZero();
        List<String> back = new ArrayList<>();
        JsonNode at = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ReadPage read = connector.read(config, target.writeStream(), at, context(new ArrayList<>()));
            read.records().forEach(r -> back.add(r.data().path(key).asString()));
            at = read.checkpoint();
            if (!read.hasMore()) {
                break;
            }
        }
        List<String> written =
                target.sampleRecords().stream().map(r -> r.get(key).asString()).toList();
        assertThat(back.stream().filter(written::contains).toList())
                .as("each record once, read back by " + key)
                .containsExactlyInAnyOrderElementsOf(written);
    }

    private static void specIsValid(ConnectorSpec spec) {
        JsonSchemas.compile(spec.configSchema());
        for (StreamSpec stream : spec.streams()) {
            JsonSchemas.compile(stream.schema());
            assertThat(stream.schema().path("properties").has(stream.primaryKey()))
                    .as(stream.name() + ": primary key in schema")
                    .isTrue();
            if (stream.cursorField() != null) {
                assertThat(stream.schema().path("properties").has(stream.cursorField()))
                        .as(stream.name() + ": cursor in schema")
                        .isTrue();
            }
        }
        assertThat(spec.settings()).as("setup form fields").isNotEmpty();
    }

    private static void recordsConform(Certification target) {
        Connector connector = target.connector();
        ConnectorConfig config = connector.configure(target.settings());
        StreamSpec stream = connector.discover(config).stream()
                .filter(s -> s.name().equals(target.stream()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("discover does not report stream " + target.stream()));
        Schema schema = JsonSchemas.compile(stream.schema());
        ReadPage page = connector.read(config, target.stream(), null, context(new ArrayList<>()));
        assertThat(page.records()).as("the first page has records").isNotEmpty();
        for (SourceRecord record : page.records()) {
            assertThat(schema.validate(record.data()))
                    .as("record " + record.externalId())
                    .isEmpty();
        }
    }

    private static void fullThenIncremental(Certification target) {
        Connector connector = target.connector();
        ConnectorConfig config = connector.configure(target.settings());
        Read full = readAll(connector, config, target.stream(), null);
        assertThat(full.ids()).as("a full read has records").isNotEmpty();
        assertThat(new HashSet<>(full.ids()))
                .as("a full read applies each record once")
                .hasSameSizeAs(full.ids());
        if (target.changeSomething() != null) {
            target.changeSomething().run();
            Read incremental = readAll(connector, config, target.stream(), full.checkpoint());
            assertThat(incremental.ids())
                    .as("the incremental read finds the change")
                    .isNotEmpty();
            assertThat(incremental.ids().size())
                    .as("and not everything again")
                    .isLessThan(full.ids().size());
        } else {
            Read incremental = readAll(connector, config, target.stream(), full.checkpoint());
            assertThat(incremental.ids()).as("nothing changed, nothing read").isEmpty();
        }
    }

    private static void restartMidStream(Certification target) {
        Connector connector = target.connector();
        ConnectorConfig config = connector.configure(target.settings());
        Read full = readAll(connector, config, target.stream(), null);
        ReadPage first = connector.read(config, target.stream(), null, context(new ArrayList<>()));
        if (!first.hasMore()) {
            return; // a single page: nothing to restart in the middle of
        }
        Set<String> seen = new HashSet<>();
        first.records().forEach(r -> seen.add(r.externalId()));
        seen.addAll(
                readAll(connector, config, target.stream(), first.checkpoint()).ids());
        assertThat(seen).as("page one plus a read resumed from its checkpoint").containsAll(full.ids());
    }

    /**
     * A canary planted as every secret, and for connectors that are sent data the real secrets too (a canary may not
     * fit a secret's format), must appear in no log line, error or toString.
     */
    private static void canaryStaysHidden(Certification target) {
        Map<String, String> canaries = new java.util.LinkedHashMap<>();
        target.settings().secrets().keySet().forEach(key -> canaries.put(key, CANARY));
        List<String> hidden = new ArrayList<>(List.of(CANARY));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        List<String> output = new ArrayList<>();
        try {
            exercise(target, new ConnectorSettings(target.settings().values(), canaries), output);
            if (target.connector().spec().pushed()) {
                target.settings().secrets().values().forEach(secret -> hidden.add(tail(secret)));
                exercise(target, target.settings(), output);
            }
        } finally {
            root.detachAppender(appender);
        }
        appender.list.forEach(event -> output.add(event.getFormattedMessage()));
        for (String secret : hidden) {
            assertThat(output).noneMatch(line -> line != null && line.contains(secret));
        }
    }

    /** Configures, checks and reads (or receives) with these settings, keeping every text that comes out. */
    private static void exercise(Certification target, ConnectorSettings settings, List<String> output) {
        Connector connector = target.connector();
        output.add(settings.toString());
        try {
            ConnectorConfig config = connector.configure(settings);
            output.add(config.toString());
            output.add(connector.check(config).toString());
            if (connector.spec().pushed()) {
                output.add(connector.receive(config, target.pushed().get(0)).summary());
                connector.receive(config, target.refused());
            } else {
                connector.read(config, target.stream(), null, context(new ArrayList<>()));
            }
        } catch (ConnectorException e) {
            output.add(e.getMessage());
            output.add(e.error().toString());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                output.add(String.valueOf(cause.getMessage()));
            }
        }
    }

    /** The part of a secret that identifies it, whatever prefix its format puts before it. */
    private static String tail(String secret) {
        return secret.length() <= 12 ? secret : secret.substring(secret.length() - 12);
    }

    private interface FaultTest {
        void run(WireMockServer proxy, ConnectorConfig config) throws Exception;
    }

    /** Runs a test with a WireMock proxy between the connector and the system, so faults can be injected. */
    private static void withFaults(Certification target, FaultTest test) throws Exception {
        String baseUrl = target.settings().text(target.baseUrlSetting());
        java.net.URI base = java.net.URI.create(baseUrl);
        WireMockServer proxy = new WireMockServer(wireMockConfig().dynamicPort());
        proxy.start();
        try {
            proxy.stubFor(any(anyUrl())
                    .atPriority(10)
                    .willReturn(aResponse().proxiedFrom(base.getScheme() + "://" + base.getAuthority())));
            ObjectNode values = target.settings().values().deepCopy();
            values.put(
                    target.baseUrlSetting(),
                    "http://localhost:" + proxy.port() + (base.getRawPath() == null ? "" : base.getRawPath()));
            ConnectorConfig config = target.connector()
                    .configure(new ConnectorSettings(values, target.settings().secrets()));
            // one clean call first, so that session set-up (an OAuth2 token, say) is done before faults start
            assertThat(target.connector().check(config).success())
                    .as("check through the proxy")
                    .isTrue();
            proxy.resetRequests();
            test.run(proxy, config);
        } finally {
            proxy.stop();
        }
    }

    private record Read(List<String> ids, JsonNode checkpoint) {}

    private static Read readAll(Connector connector, ConnectorConfig config, String stream, JsonNode checkpoint) {
        return readAll(connector, config, stream, checkpoint, List.of());
    }

    private static Read readAll(
            Connector connector,
            ConnectorConfig config,
            String stream,
            JsonNode checkpoint,
            List<PushedRecord> staged) {
        List<String> ids = new ArrayList<>();
        JsonNode at = checkpoint;
        for (int page = 0; page < MAX_PAGES; page++) {
            ReadPage read = connector.read(config, stream, at, context(new ArrayList<>(), staged));
            read.records().forEach(r -> ids.add(r.externalId()));
            at = read.checkpoint();
            if (!read.hasMore()) {
                return new Read(ids, at);
            }
        }
        throw new AssertionError(stream + " did not end within " + MAX_PAGES + " pages");
    }

    private static ReadContext context(List<Duration> waits) {
        return context(waits, List.of());
    }

    private static ReadContext context(List<Duration> waits, List<PushedRecord> staged) {
        var counter = new AtomicInteger();
        return new ReadContext() {
            @Override
            public String correlationId() {
                return "certify-" + counter.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void throttled(Duration waited) {
                waits.add(waited);
            }

            @Override
            public List<PushedRecord> pushed(PushedRecord.Position after, int limit) {
                return staged.stream()
                        .filter(record -> record.position().compareTo(after) > 0)
                        .limit(limit)
                        .toList();
            }
        };
    }
}
