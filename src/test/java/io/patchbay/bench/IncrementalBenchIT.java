package io.patchbay.bench;

import static io.patchbay.bench.TextTable.count;
import static io.patchbay.bench.TextTable.minMedian;

import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An incremental sync: once the first sync of 100,000 sandbox CRM contacts has finished, 100 of them change at the
 * source and an admin presses "Run now"; measured from the run being queued to its end, as {@code sync_run} has
 * them, and checked: the changes are in the core store. Beside it, the same 100 upserts with bare JDBC into a table
 * that holds the same 100,000 records. Every run changes other contacts, on the same hub process and database.
 */
@ExtendWith(ServerLock.Held.class)
class IncrementalBenchIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final BenchOptions options = BenchOptions.fromSystemProperties();

    @Test
    void aHundredChangedContactsOfAHundredThousandFromRunNowToDoneBesideBareUpsertsOfThem() {
        var report = new BenchReport(
                "incremental",
                "Incremental: " + count(options.changed()) + " changed contacts of " + count(options.base())
                        + ", from Run now to done, beside bare JDBC upserts of them",
                options);
        var each = new TextTable(
                "run",
                "changed",
                "read",
                "queued -> started ms",
                "started -> finished ms",
                "queued -> finished ms",
                "baseline ms",
                "hub/baseline",
                "load before -> after");
        var waited = new Samples();
        var baselines = new Samples();
        var ratios = new Samples();
        try (var bench = BenchRun.fresh(
                        options, "incremental", "base-" + options.base(), BenchRun::unlimitedSandboxCrm);
                var setup = HubSetup.beside(bench.settings(), bench.hubPort());
                HubProcess hub = bench.startHub("hub")) {
            Ledger ledger = bench.ledger();
            var contacts = new SandboxContacts(bench.database(), setup.acme().value());
            contacts.seed(options.base());
            CrmConnectorPace pace = CrmConnectorPace.lifted(setup);
            String crm = setup.sandboxCrmContacts("Sandbox CRM (incremental bench)", pace.settings(), BenchRun.DAILY);
            FirstSync first = FirstSync.await(hub, ledger, crm, options.base());
            var bare = new BareUpsert(bench.database()).createTable();
            bare.upsert(contacts.all());
            List<Long> ids = contacts.ids();

            for (int run = 1; run <= options.runs(); run++) {
                String loadBefore = Machine.lastMinuteLoad();
                List<Long> changed = spread(ids, options.changed(), run);
                contacts.change(changed, "Changed in run " + run);
                // on a second node: the hub process learns of the run from the database, not from an event of its own
                String runId = setup.runNow(crm);
                Ledger.RunRow done = ledger.awaitRun(runId, r -> !r.unfinished() || !hub.alive(), RUN_TIMEOUT);
                checkArrived(done, ledger, crm, changed.size(), hub);
                Duration baseline = bare.upsert(contacts.only(changed));

                Duration claimed = Duration.between(done.queuedAt(), done.startedAt());
                double ratio = (double) done.waited().toNanos() / baseline.toNanos();
                each.row(
                        run,
                        changed.size(),
                        done.recordsRead(),
                        millis(claimed),
                        millis(done.executed()),
                        millis(done.waited()),
                        millis(baseline),
                        TextTable.times(ratio),
                        loadBefore + " -> " + Machine.lastMinuteLoad());
                waited.add(done.waited().toNanos() / 1e6);
                baselines.add(baseline.toNanos() / 1e6);
                ratios.add(ratio);
            }

            report.note("the runs share one database and hub process; sandbox CRM: its own rate limit lifted; "
                            + pace.describe())
                    .note("first sync of " + count(options.base()) + " contacts: "
                            + count(first.recordsPerSecond()) + " records/s, peak RSS "
                            + count(first.peakResidentMegabytes()) + " MB")
                    .note("each run: " + count(options.changed()) + " other contacts changed at the source (company,"
                            + " phone, updated_at = clock_timestamp()), then Run now as Acme's admin on a second node,"
                            + " as behind a load balancer: queued -> started is how long the hub process takes to learn"
                            + " of the run and claim it")
                    .note("baseline: the same records upserted with bare JDBC (one batch, one commit) into "
                            + BareUpsert.TABLE + ", which holds the same " + count(options.base()) + " records")
                    .table("Each run", each)
                    .table(
                            "Over the runs: min / median",
                            new TextTable("queued -> finished ms", "baseline ms", "hub/baseline")
                                    .row(
                                            minMedian(waited, TextTable::millis),
                                            minMedian(baselines, TextTable::millis),
                                            minMedian(ratios, TextTable::times)));
        }
        report.publish();
    }

    /** {@code count} contacts spread over the whole table, other ones in every run. */
    private static List<Long> spread(List<Long> ids, int count, int run) {
        int step = Math.max(1, ids.size() / count);
        List<Long> picked = new ArrayList<>();
        for (int i = (run - 1) % step; i < ids.size() && picked.size() < count; i += step) {
            picked.add(ids.get(i));
        }
        return picked;
    }

    /** Fails unless the run succeeded, read at least the changed contacts and brought every change over. */
    private static void checkArrived(Ledger.RunRow run, Ledger ledger, String connection, int changed, HubProcess hub) {
        if (!run.status().equals("succeeded") || run.recordsRead() < changed) {
            throw new AssertionError("The incremental run of " + changed + " changed contacts did not succeed with them"
                    + " all: " + run + "\n" + hub.logTail());
        }
        int differing = ledger.contactsDifferingFromSource(connection);
        if (differing != 0) {
            throw new AssertionError(differing + " core records differ from the sandbox CRM's contacts after " + run);
        }
    }

    private static String millis(Duration duration) {
        return TextTable.millis(duration.toNanos() / 1e6);
    }
}
