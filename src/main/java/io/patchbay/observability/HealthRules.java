package io.patchbay.observability;

import io.patchbay.base.Dates;
import io.patchbay.base.Plurals;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionConsent;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.GuardrailException;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.validation.ValidationRules;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one set of rules that makes a connection's health from what is stored about it:
 *
 * <ul>
 *   <li><b>Paused</b>: the connection is paused.
 *   <li><b>Not yet synced</b>: active, and no run has finished yet.
 *   <li><b>Failing</b>: the newest finished run failed with an error a person must fix (auth, config, data), or
 *       the last two runs failed; unless access was granted again after an auth failure, which makes it
 *       <b>Degraded</b> until the sync that checks it ends.
 *   <li><b>Degraded</b>: the newest finished run failed with a passing error (a timeout, a rate limit); records wait
 *       in quarantine while the last sync that read the source quarantined more of what it read than the template
 *       allows, or while more of the connection's records wait than it allows (until they are dealt with); an exception to a
 *       guardrail the connection still breaks has expired; or its record volume or failure rate left its own baseline
 *       ({@link Anomalies}).
 *   <li><b>Connected</b>: otherwise. Recovery is judged from the newest run: a sync that succeeds after failures
 *       clears them, and says so.
 * </ul>
 *
 * Which changes between these tell the admins is {@link HealthTransitions}.
 */
final class HealthRules {

    static final int RECENT_RUNS = 5;

    private static final String QUARANTINE_FIX =
            "Open the quarantine: fix the records or the mapping, then reprocess them, or discard them.";

    private HealthRules() {}

    /**
     * How many of a connection's records wait in quarantine, how many it has in the core store, and the share of them
     * the template allows in quarantine.
     */
    record QuarantineState(int open, int stored, double allowedPercent) {

        static final QuarantineState NONE = new QuarantineState(0, 0, ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT);

        /** The share of the connection's records (stored or waiting) that wait in quarantine, in percent. */
        double percent() {
            return 100.0 * open / Math.max(1, open + stored);
        }
    }

    /**
     * What the rules read.
     *
     * @param newestFirst the newest runs, {@link Anomalies#RUNS_READ} where there are as many
     * @param lapsed an approved exception to a guardrail the connection still breaks, past its date
     * @param consent who granted access last, where the connection signs in by consent
     */
    record Inputs(
            Connection connection,
            List<Run> newestFirst,
            QuarantineState quarantine,
            @Nullable GuardrailException lapsed,
            @Nullable ConnectionConsent consent) {}

    static Health health(Connection connection, List<Run> newestFirst) {
        return health(new Inputs(connection, newestFirst, QuarantineState.NONE, null, null));
    }

    static Health health(Connection connection, List<Run> newestFirst, QuarantineState quarantined) {
        return health(new Inputs(connection, newestFirst, quarantined, null, null));
    }

    static Health health(Inputs inputs) {
        Health health = fromRuns(inputs);
        if (health.status() == HealthStatus.CONNECTED) {
            var anomaly = Anomalies.find(inputs.newestFirst());
            if (anomaly.isPresent()) {
                return new Health(
                        HealthStatus.DEGRADED,
                        anomaly.get().reason(),
                        anomaly.get().fix());
            }
        }
        if ((health.status() == HealthStatus.CONNECTED || health.status() == HealthStatus.NOT_YET_SYNCED)
                && inputs.lapsed() != null) {
            GuardrailException lapsed = inputs.lapsed();
            return new Health(
                    HealthStatus.DEGRADED,
                    "The exception to rule " + lapsed.rule() + " expired on "
                            + Dates.day(lapsed.expiresAt()) + ": "
                            + lapsed.ruleText(),
                    "Change the connection to meet the rule, or ask for a new exception on its page.");
        }
        return health;
    }

    private static List<Run> finished(List<Run> newestFirst) {
        return newestFirst.stream()
                .filter(run -> run.status().finished() && run.status() != RunStatus.CANCELLED)
                .limit(RECENT_RUNS)
                .toList();
    }

    private static Health fromRuns(Inputs inputs) {
        Connection connection = inputs.connection();
        if (connection.state() == ConnectionState.PAUSED) {
            return new Health(
                    HealthStatus.PAUSED, "Paused: nothing runs on schedule.", "Resume the connection to sync again.");
        }
        List<Run> finished = finished(inputs.newestFirst());
        if (finished.isEmpty()) {
            // nothing has come through yet: not "connected" until a sync says so
            return new Health(HealthStatus.NOT_YET_SYNCED, "Active; the first sync is on its way.", null);
        }
        Run newest = finished.get(0);
        if (newest.status() == RunStatus.FAILED) {
            return failed(inputs, finished, newest);
        }
        QuarantineState quarantined = inputs.quarantine();
        // the last sync that read the source: a reprocess run reads only what waited, and judges nothing here
        Run lastSync = finished.stream()
                .filter(run -> run.trigger() != RunTrigger.REPROCESS)
                .findFirst()
                .orElse(newest);
        double lastSyncPercent = 100.0 * lastSync.recordsQuarantined() / Math.max(1, lastSync.recordsRead());
        if (quarantined.open() > 0
                && lastSync.recordsQuarantined() > 0
                && lastSyncPercent > quarantined.allowedPercent()) {
            return new Health(
                    HealthStatus.DEGRADED,
                    String.format(
                            Locale.ROOT,
                            "The last sync quarantined %d of %d records (%.1f %%), more than the %s %% its template"
                                    + " allows; %d wait in quarantine.",
                            lastSync.recordsQuarantined(),
                            lastSync.recordsRead(),
                            lastSyncPercent,
                            ValidationRules.percent(quarantined.allowedPercent()),
                            quarantined.open()),
                    QUARANTINE_FIX);
        }
        if (quarantined.open() > 0 && quarantined.percent() > quarantined.allowedPercent()) {
            return new Health(
                    HealthStatus.DEGRADED,
                    String.format(
                            Locale.ROOT,
                            "%s in quarantine: %.1f %% of this connection's %d records, more than the %s %% its"
                                    + " template allows.",
                            Plurals.count(quarantined.open(), "record waits", "records wait"),
                            quarantined.percent(),
                            quarantined.open() + quarantined.stored(),
                            ValidationRules.percent(quarantined.allowedPercent())),
                    QUARANTINE_FIX);
        }
        long failedBefore = finished.stream()
                .skip(1)
                .takeWhile(run -> run.status() == RunStatus.FAILED)
                .count();
        String recovered = failedBefore == 0
                ? ""
                : failedBefore == 1
                        ? " The failed sync before it is cleared."
                        : " The " + failedBefore + " failed syncs before it are cleared.";
        String throttled = newest.throttled()
                ? " It was throttled " + newest.throttledCount() + " times and waited as asked."
                : "";
        String waiting = quarantined.open() == 0
                ? ""
                : " " + Plurals.count(quarantined.open(), "record waits", "records wait") + " in quarantine.";
        return new Health(HealthStatus.CONNECTED, "The last sync succeeded." + recovered + throttled + waiting, null);
    }

    private static Health failed(Inputs inputs, List<Run> finished, Run newest) {
        ConnectionConsent consent = inputs.consent();
        if (newest.errorClass() == ErrorClass.AUTH
                && consent != null
                && newest.finishedAt() != null
                && consent.consentedAt().isAfter(newest.finishedAt())) {
            // access was granted again after it was refused: not failing, and not connected until a sync shows it
            return new Health(
                    HealthStatus.DEGRADED,
                    "Access was granted again by " + consent.consentedBy()
                            + (consent.account() == null ? "" : " (as " + consent.account() + ")")
                            + " after the last sync was refused; the sync that checks it is on its way.",
                    null);
        }
        boolean needsPerson = newest.errorClass() == ErrorClass.AUTH
                || newest.errorClass() == ErrorClass.CONFIG
                || newest.errorClass() == ErrorClass.DATA;
        boolean repeated = finished.size() > 1 && finished.get(1).status() == RunStatus.FAILED;
        return new Health(
                needsPerson || repeated ? HealthStatus.FAILING : HealthStatus.DEGRADED,
                "The last sync failed: " + newest.errorMessage(),
                newest.errorFix());
    }
}
