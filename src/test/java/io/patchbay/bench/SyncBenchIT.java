package io.patchbay.bench;

import static io.patchbay.bench.TextTable.count;
import static io.patchbay.bench.TextTable.decimal;
import static io.patchbay.bench.TextTable.minMedian;
import static io.patchbay.bench.TextTable.percent;

import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSetup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * First syncs of N records (10,000, 100,000 and 1,000,000 by default) into the core store, with identity links and
 * checkpoints, from two sources that are not the bottleneck: the sandbox CRM over HTTP with its rate limit and the
 * connector's pace lifted, and the PostgreSQL connector reading a table on the customer's network. Each run starts
 * from a fresh database, runs each sync in a hub process of its own (so its peak memory is its own), and measures a
 * bare batched JDBC upsert of the same records into the same PostgreSQL beside them.
 */
@ExtendWith(ServerLock.Held.class)
class SyncBenchIT {

    private static final String CRM = "sandbox CRM";
    private static final String TABLE = "PostgreSQL table";

    private final BenchOptions options = BenchOptions.fromSystemProperties();
    private final Map<Figure, Samples> samples = new LinkedHashMap<>();
    private String pace = "";

    @Test
    void firstSyncsFromTheSandboxCrmAndFromAPostgresTableBesideABareUpsertOfTheSameRecords() {
        var report = new BenchReport(
                "sync",
                "Sync: N records read, mapped and upserted into the core store, beside a bare JDBC upsert of them",
                options);
        var each = new TextTable(
                "source",
                "records",
                "run",
                "hub rec/s",
                "baseline rec/s",
                "hub/baseline",
                "hub s",
                "baseline s",
                "peak RSS MB",
                "load before -> after");
        for (int size : options.sizes()) {
            for (int run = 1; run <= options.runs(); run++) {
                String loadBefore = Machine.lastMinuteLoad();
                Result result = run(size, run);
                String load = loadBefore + " -> " + Machine.lastMinuteLoad();
                for (var sync : List.of(Map.entry(CRM, result.crm()), Map.entry(TABLE, result.table()))) {
                    FirstSync hub = sync.getValue();
                    double ratio = hub.recordsPerSecond() / result.baselinePerSecond();
                    each.row(
                            sync.getKey(),
                            count(size),
                            run,
                            count(hub.recordsPerSecond()),
                            count(result.baselinePerSecond()),
                            percent(ratio),
                            decimal(hub.seconds()),
                            decimal(result.baseline().toNanos() / 1e9),
                            count(hub.peakResidentMegabytes()),
                            load);
                    sample(sync.getKey(), size, "hub", hub.recordsPerSecond());
                    sample(sync.getKey(), size, "ratio", ratio);
                    sample(sync.getKey(), size, "rss", hub.peakResidentMegabytes());
                }
                sample(CRM, size, "baseline", result.baselinePerSecond());
                sample(TABLE, size, "baseline", result.baselinePerSecond());
            }
        }
        report.note(
                        "each run: a fresh database, each source's first sync in a hub process of its own, then the baseline;"
                                + " records/s = records read / (finished - started) of the run, as sync_run has them")
                .note("sandbox CRM: its own rate limit lifted (1,000,000 requests per second); " + pace)
                .note("PostgreSQL table: " + SourceTable.DATABASE + "." + SourceTable.TABLE
                        + " on the same server, reached at " + PrivateNetwork.HOST
                        + " (the customer's network: a network namespace and two TCP relays) under an approved network"
                        + " exception")
                .note("baseline: " + BareUpsert.TABLE
                        + "(external_id text primary key, data jsonb), the contacts as the"
                        + " CRM's JSON, JDBC batches of 1,000 (reWriteBatchedInserts), a commit per batch,"
                        + " insert ... on conflict do update")
                .table("Each run (peak RSS: the hub process's VmHWM by the end of the sync)", each)
                .table("Over the runs: min / median (peak RSS: max)", summary());
        report.publish();
    }

    private record Result(FirstSync crm, FirstSync table, Duration baseline, int size) {
        double baselinePerSecond() {
            return size / Math.max(baseline.toNanos() / 1e9, 1e-6);
        }
    }

    private Result run(int size, int run) {
        try (var bench = BenchRun.fresh(options, "sync", size + "-run" + run, BenchRun::unlimitedSandboxCrm);
                var setup = HubSetup.beside(bench.settings(), bench.hubPort())) {
            var contacts = new SandboxContacts(bench.database(), setup.acme().value());
            contacts.seed(size);
            FirstSync fromCrm;
            try (HubProcess hub = bench.startHub("hub-crm")) {
                // activation tests the connection: the sandbox it calls is the hub process's
                CrmConnectorPace lifted = CrmConnectorPace.lifted(setup);
                pace = lifted.describe();
                String crm = setup.sandboxCrmContacts("Sandbox CRM (sync bench)", lifted.settings(), BenchRun.DAILY);
                fromCrm = FirstSync.await(hub, bench.ledger(), crm, size);
            }

            SourceTable.create(options, size);
            int port = PrivateNetwork.expose(options.postgresPort());
            FirstSync fromTable;
            try (HubProcess hub = bench.startHub("hub-table")) {
                String table = setup.postgresTable(
                        "Customer contacts (sync bench)",
                        PrivateNetwork.HOST,
                        port,
                        SourceTable.DATABASE,
                        SourceTable.TABLE);
                fromTable = FirstSync.await(hub, bench.ledger(), table, size);
            }

            List<JsonRecord> records = contacts.all();
            var bare = new BareUpsert(bench.database()).createTable();
            Duration baseline = bare.upsert(records);
            if (bare.rows() != size) {
                throw new AssertionError("The bare upsert kept " + bare.rows() + " rows of " + size);
            }
            return new Result(fromCrm, fromTable, baseline, size);
        }
    }

    /** One figure of one source at one size, over the runs. */
    private record Figure(String source, int size, String name) {}

    private void sample(String source, int size, String figure, double value) {
        samples.computeIfAbsent(new Figure(source, size, figure), key -> new Samples())
                .add(value);
    }

    private TextTable summary() {
        var table = new TextTable(
                "source", "records", "hub rec/s", "baseline rec/s", "hub/baseline", "vs smallest size", "peak RSS MB");
        for (String source : List.of(CRM, TABLE)) {
            double smallest = figure(source, options.sizes().get(0), "hub").median();
            for (int size : options.sizes()) {
                table.row(
                        source,
                        count(size),
                        minMedian(figure(source, size, "hub"), TextTable::count),
                        minMedian(figure(source, size, "baseline"), TextTable::count),
                        minMedian(figure(source, size, "ratio"), TextTable::percent),
                        percent(figure(source, size, "hub").median() / smallest),
                        count(figure(source, size, "rss").max()));
            }
        }
        return table;
    }

    private Samples figure(String source, int size, String figure) {
        return samples.get(new Figure(source, size, figure));
    }
}
