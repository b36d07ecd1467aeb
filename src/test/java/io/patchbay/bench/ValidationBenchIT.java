package io.patchbay.bench;

import static io.patchbay.bench.TextTable.count;
import static io.patchbay.bench.TextTable.minMedian;
import static io.patchbay.bench.TextTable.percent;

import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSetup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What validation costs a sync: the first sync of N sandbox CRM contacts (100,000 by default), one in twenty with an
 * email the contact schema refuses, through mapping, the schema, the template's rules and quarantine, beside the
 * same sync in a hub that does not check records (every mapped record written), and a bare JDBC upsert. The two syncs
 * of a run take turns going first, as the second writes into a core store the first has filled.
 */
@ExtendWith(ServerLock.Held.class)
class ValidationBenchIT {

    /** One contact in twenty: 5 % invalid. */
    private static final int SPOIL_EVERY = 20;

    private final BenchOptions options = BenchOptions.fromSystemProperties();
    private final Map<String, Samples> samples = new LinkedHashMap<>();
    private String pace = "";

    @Test
    void aSyncWithFivePercentInvalidRecordsCheckedAndQuarantinedBesideTheSameSyncUnchecked() {
        var report = new BenchReport(
                "validation",
                "Validation: a first sync with 5 % invalid records, checked and quarantined, beside the same sync"
                        + " unchecked and a bare JDBC upsert",
                options);
        var each = new TextTable(
                "records",
                "run",
                "checked rec/s",
                "unchecked rec/s",
                "checked/unchecked",
                "baseline rec/s",
                "checked/baseline",
                "quarantined",
                "load before -> after");
        for (int size : options.sizes()) {
            for (int run = 1; run <= options.runs(); run++) {
                String loadBefore = Machine.lastMinuteLoad();
                Result result = run(size, run);
                double ratio =
                        result.checked().recordsPerSecond() / result.unchecked().recordsPerSecond();
                double toBaseline = result.checked().recordsPerSecond() / result.baselinePerSecond();
                each.row(
                        count(size),
                        run,
                        count(result.checked().recordsPerSecond()),
                        count(result.unchecked().recordsPerSecond()),
                        percent(ratio),
                        count(result.baselinePerSecond()),
                        percent(toBaseline),
                        count(result.quarantined()),
                        loadBefore + " -> " + Machine.lastMinuteLoad());
                sample(size, "checked", result.checked().recordsPerSecond());
                sample(size, "unchecked", result.unchecked().recordsPerSecond());
                sample(size, "ratio", ratio);
                sample(size, "baseline", result.baselinePerSecond());
            }
        }
        var summary =
                new TextTable("records", "checked rec/s", "unchecked rec/s", "checked/unchecked", "baseline rec/s");
        for (int size : options.sizes()) {
            summary.row(
                    count(size),
                    minMedian(samples.get(size + "checked"), TextTable::count),
                    minMedian(samples.get(size + "unchecked"), TextTable::count),
                    minMedian(samples.get(size + "ratio"), TextTable::percent),
                    minMedian(samples.get(size + "baseline"), TextTable::count));
        }
        report.note("each run: a fresh database; N contacts of which every " + SPOIL_EVERY + "th has an email like"
                        + " ada(at)example.com; one hub process syncs them checked (patchbay.sync.validate-records"
                        + " true: schema, rules, quarantine), another unchecked (false: every mapped record written);"
                        + " odd runs checked first, even runs unchecked first")
                .note("records/s = records read / (finished - started) of the run, as sync_run has them; the"
                        + " checked sync must link N - N/" + SPOIL_EVERY + " and quarantine the rest, the unchecked"
                        + " one link all N")
                .note("sandbox CRM: its own rate limit lifted; " + pace)
                .note("baseline: " + BareUpsert.TABLE + ", the contacts as the CRM's JSON, JDBC batches of 1,000,"
                        + " insert ... on conflict do update")
                .table("Each run", each)
                .table("Over the runs: min / median", summary);
        report.publish();
    }

    private record Result(FirstSync checked, FirstSync unchecked, Duration baseline, int size, int quarantined) {
        double baselinePerSecond() {
            return size / Math.max(baseline.toNanos() / 1e9, 1e-6);
        }
    }

    private Result run(int size, int run) {
        try (var bench = BenchRun.fresh(options, "validation", size + "-run" + run, BenchRun::unlimitedSandboxCrm);
                var setup = HubSetup.beside(bench.settings(), bench.hubPort())) {
            var contacts = new SandboxContacts(bench.database(), setup.acme().value());
            contacts.seed(size);
            int spoiled = contacts.spoilEvery(SPOIL_EVERY);
            CrmConnectorPace lifted = CrmConnectorPace.lifted(setup);
            pace = lifted.describe();
            FirstSync checked = null;
            FirstSync unchecked = null;
            for (boolean checking : run % 2 == 1 ? List.of(true, false) : List.of(false, true)) {
                var settings = bench.settings().with("patchbay.sync.validate-records", checking);
                try (HubProcess hub = bench.startHub(checking ? "hub-checked" : "hub-unchecked", settings)) {
                    String connection = setup.sandboxCrmContacts(
                            "Contacts, " + (checking ? "checked" : "unchecked"), lifted.settings(), BenchRun.DAILY);
                    if (checking) {
                        checked = FirstSync.await(
                                hub, bench.ledger(), connection, size, size - spoiled, "succeeded_with_quarantine");
                    } else {
                        unchecked = FirstSync.await(hub, bench.ledger(), connection, size);
                    }
                }
            }
            var bare = new BareUpsert(bench.database()).createTable();
            Duration baseline = bare.upsert(contacts.all());
            return new Result(checked, unchecked, baseline, size, spoiled);
        }
    }

    private void sample(int size, String figure, double value) {
        samples.computeIfAbsent(size + figure, key -> new Samples()).add(value);
    }
}
