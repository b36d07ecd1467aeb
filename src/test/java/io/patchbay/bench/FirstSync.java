package io.patchbay.bench;

import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.Ledger;
import java.time.Duration;
import java.util.List;

/**
 * A connection's first sync as a hub process did it: how fast it read (records read over the time from the run's
 * start to its end, as {@code sync_run} has them; the wait in the queue is not the sync's), and the most memory the
 * process held by its end. Awaiting one fails loudly unless the run succeeded with every record linked exactly once.
 */
record FirstSync(Ledger.RunRow run, int linked, long peakResidentBytes) {

    static FirstSync await(HubProcess hub, Ledger ledger, String connectionId, int records) {
        return await(hub, ledger, connectionId, records, records, "succeeded");
    }

    /**
     * The first sync of {@code records}, of which {@code linked} must end linked (the rest quarantined, for a run
     * ending {@code status} "succeeded_with_quarantine").
     */
    static FirstSync await(
            HubProcess hub, Ledger ledger, String connectionId, int records, int linkedExpected, String status) {
        String runId = ledger.runs(List.of(connectionId)).get(0).id();
        // generous: a slow hub still finishes, however long it takes, and the report says how slow
        Duration timeout = Duration.ofSeconds(300 + records / 50);
        Ledger.RunRow run = ledger.awaitRun(runId, r -> !r.unfinished() || !hub.alive(), timeout);
        long peak = hub.alive() ? hub.peakResidentBytes() : -1;
        if (!run.status().equals(status)) {
            throw new AssertionError("The first sync of " + records + " records did not succeed: " + run
                    + " (waited up to " + timeout.toMinutes() + " min)\n" + hub.logTail());
        }
        int linked = ledger.appliedCount(List.of(connectionId));
        int quarantined = ledger.quarantinedCount(List.of(connectionId));
        if (linked != linkedExpected || linked + quarantined != records) {
            throw new AssertionError("The first sync linked " + linked + " records of " + records + " (expected "
                    + linkedExpected + ") and quarantined " + quarantined + ": " + run + "\n" + hub.logTail());
        }
        return new FirstSync(run, linked, peak);
    }

    double recordsPerSecond() {
        return run.recordsRead() / seconds();
    }

    double seconds() {
        // a run shorter than the clock can tell still took some time
        return Math.max(run.executed().toNanos(), 1_000) / 1e9;
    }

    double peakResidentMegabytes() {
        return peakResidentBytes / (1024.0 * 1024.0);
    }
}
