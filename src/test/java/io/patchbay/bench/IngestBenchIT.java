package io.patchbay.bench;

import static io.patchbay.bench.TextTable.count;
import static io.patchbay.bench.TextTable.decimal;
import static io.patchbay.bench.TextTable.millis;
import static io.patchbay.bench.TextTable.minMedian;
import static io.patchbay.bench.TextTable.percent;

import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import io.patchbay.support.hub.WebhookEndpoint;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook ingest: signed Standard Webhooks, each a unique message with one record, posted to a signed-webhooks
 * connection of a hub process. First 32 senders at once for a fixed time (how many the hub accepts per second, with
 * p50/p99 latency and errors) beside {@code pgbench} inserting single rows from 32 clients into the same database;
 * then a steady offered load of 1,000 messages a second, sent on schedule whatever the answers, with p50/p99 from
 * each scheduled send to its 2xx. After each phase every accepted message must be applied within a minute of the last
 * answer, and the time that took is reported: a 2xx is a promise.
 */
@ExtendWith(ServerLock.Held.class)
class IngestBenchIT {

    private static final int SENDERS = 32;
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchOptions options = BenchOptions.fromSystemProperties();

    /** As long as a phase, at most 20 s: long enough for the JIT compiler to have done most of its work. */
    private Duration warmUp() {
        Duration phase = options.duration();
        return phase.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : phase;
    }

    @Test
    void signedWebhooksFromThirtyTwoSendersAndAtASteadyRateBesidePgbenchInserts() {
        var report = new BenchReport(
                "ingest",
                "Ingest: signed webhooks accepted and applied, beside pgbench single-row inserts on the same database",
                options);
        var flood = new TextTable(
                "run",
                "sent",
                "accepted/s",
                "pgbench tps",
                "hub/pgbench",
                "p50 ms",
                "p99 ms",
                "errors",
                "applied s after last answer",
                "load before -> after");
        var steady = new TextTable(
                "run",
                "offered/s",
                "sent",
                "2xx/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "applied s after last answer",
                "load before -> after");
        var accepted = new Samples();
        var pgbench = new Samples();
        var ratio = new Samples();
        var floodP99 = new Samples();
        var floodApplied = new Samples();
        var steadyP50 = new Samples();
        var steadyP99 = new Samples();
        var steadyApplied = new Samples();

        for (int run = 1; run <= options.runs(); run++) {
            try (var bench = BenchRun.fresh(options, "ingest", "run" + run, UnaryOperator.identity())) {
                WebhookEndpoint endpoint;
                try (var setup = HubSetup.boot(bench.settings().onPort(bench.hubPort()))) {
                    endpoint = setup.signedWebhooks("Webhooks (ingest bench)");
                }
                try (HubProcess hub = bench.startHub("hub")) {
                    var load = new WebhookLoad(hub, endpoint, "run" + run);
                    // a hub in production has long been warm: the JIT compiler's first minute is not what it serves
                    WebhookLoad.Phase warmUp = load.closedLoop(SENDERS, warmUp());
                    awaitApplied(bench.ledger(), endpoint, load, warmUp, hub);

                    String loadBefore = Machine.lastMinuteLoad();
                    WebhookLoad.Phase closed = load.closedLoop(SENDERS, options.duration());
                    Duration closedApplied = awaitApplied(bench.ledger(), endpoint, load, closed, hub);
                    double tps = new Pgbench(bench.database(), bench.directory())
                            .insertsPerSecond(
                                    WebhookLoad.body("bench_pgbench_" + run + "_0", 100_000),
                                    SENDERS,
                                    options.duration());
                    flood.row(
                            run,
                            count(closed.sent()),
                            count(closed.acceptedPerSecond()),
                            count(tps),
                            percent(closed.acceptedPerSecond() / tps),
                            millis(closed.latencyMillis(0.50)),
                            millis(closed.latencyMillis(0.99)),
                            errors(closed),
                            decimal(closedApplied.toNanos() / 1e9),
                            loadBefore + " -> " + Machine.lastMinuteLoad());
                    accepted.add(closed.acceptedPerSecond());
                    pgbench.add(tps);
                    ratio.add(closed.acceptedPerSecond() / tps);
                    floodP99.add(closed.latencyMillis(0.99));
                    floodApplied.add(closedApplied.toNanos() / 1e9);

                    loadBefore = Machine.lastMinuteLoad();
                    WebhookLoad.Phase open = load.openLoop(options.offeredRate(), options.duration());
                    Duration openApplied = awaitApplied(bench.ledger(), endpoint, load, open, hub);
                    steady.row(
                            run,
                            count(options.offeredRate()),
                            count(open.sent()),
                            count(open.acceptedPerSecond()),
                            millis(open.latencyMillis(0.50)),
                            millis(open.latencyMillis(0.99)),
                            errors(open),
                            decimal(openApplied.toNanos() / 1e9),
                            loadBefore + " -> " + Machine.lastMinuteLoad());
                    steadyP50.add(open.latencyMillis(0.50));
                    steadyP99.add(open.latencyMillis(0.99));
                    steadyApplied.add(openApplied.toNanos() / 1e9);
                }
            }
        }

        report.note("each run: a fresh database and hub process; messages from this JVM's HttpClient (HTTP/1.1), one"
                        + " record each, a unique webhook-id each, sent once")
                .note("warm-up: the same flood for " + warmUp().toSeconds()
                        + " s first, applied and not counted, as a hub in production is warm")
                .note("flood: " + SENDERS + " senders, each waiting for its answer, for "
                        + options.duration().toSeconds()
                        + " s; accepted/s = 202 answers / (last answer - first send); latency of 2xx answers")
                .note("baseline: pgbench -n -c " + SENDERS + " -j 2 -T "
                        + options.duration().toSeconds()
                        + " of single-row inserts (uuid key, the same JSON body as jsonb) into " + Pgbench.TABLE)
                .note("steady: " + count(options.offeredRate()) + " sends a second for "
                        + options.duration().toSeconds() + " s, each started on schedule on a virtual thread"
                        + " whatever the answers; latency from the scheduled send to the 2xx")
                .note("applied: from the last answer until every accepted message is linked in the core store"
                        + " (each accepted id checked; more than " + APPLY_TIMEOUT.toSeconds() + " s fails)")
                .table("Flood, each run", flood)
                .table("Steady offered load, each run", steady)
                .table(
                        "Over the runs: min / median",
                        new TextTable("figure", "min / median")
                                .row("flood accepted/s", minMedian(accepted, TextTable::count))
                                .row("pgbench tps", minMedian(pgbench, TextTable::count))
                                .row("flood hub/pgbench", minMedian(ratio, TextTable::percent))
                                .row("flood p99 ms", minMedian(floodP99, TextTable::millis))
                                .row("flood applied s after last answer", minMedian(floodApplied, TextTable::decimal))
                                .row("steady p50 ms", minMedian(steadyP50, TextTable::millis))
                                .row("steady p99 ms", minMedian(steadyP99, TextTable::millis))
                                .row(
                                        "steady applied s after last answer",
                                        minMedian(steadyApplied, TextTable::decimal)));
        report.publish();
    }

    /**
     * Waits until every message accepted so far is linked in the core store; returns how long after the phase's
     * last answer that was. Fails loudly, naming some, when any is missing a minute later.
     */
    private static Duration awaitApplied(
            Ledger ledger, WebhookEndpoint endpoint, WebhookLoad load, WebhookLoad.Phase phase, HubProcess hub) {
        Set<String> accepted = load.accepted();
        long deadline = phase.lastAnswerAt() + APPLY_TIMEOUT.toNanos();
        Set<String> missing = Set.of();
        while (System.nanoTime() < deadline) {
            // counting is cheap; the ids are compared once the count says they can all be there
            if (ledger.appliedCount(List.of(endpoint.connectionId())) >= accepted.size()) {
                long countedAt = System.nanoTime();
                missing = new HashSet<>(accepted);
                missing.removeAll(ledger.linkedExternalIds(endpoint.connectionId()));
                if (missing.isEmpty()) {
                    return Duration.ofNanos(countedAt - phase.lastAnswerAt());
                }
            }
            HubProcess.pause(Duration.ofMillis(20));
        }
        int applied = ledger.appliedCount(List.of(endpoint.connectionId()));
        throw new AssertionError("Of " + accepted.size() + " accepted messages, " + applied + " records are applied "
                + APPLY_TIMEOUT.toSeconds() + " s after the last answer; accepted but not applied: "
                + (missing.isEmpty()
                        ? "(not compared)"
                        : missing.size() + ", e.g. " + missing.stream().limit(5).toList())
                + "\n" + hub.logTail());
    }

    private static String errors(WebhookLoad.Phase phase) {
        return phase.failed() == 0 ? "0" : phase.failed() + " " + phase.failures();
    }
}
