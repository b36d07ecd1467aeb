package io.patchbay.observability;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionConsent;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.GuardrailException;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunStatus;
import io.patchbay.validation.ValidationRules;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 *   <li><b>Degraded</b>: one of the recent runs failed; the newest quarantined more of the records it read than the
 *       template allows while some of them still wait in quarantine; an exception to a guardrail the connection
 *       still breaks has expired; or its record volume or failure rate left its own baseline ({@link Anomalies}).
 *   <li><b>Connected</b>: otherwise.
 * </ul>
 */
final class HealthRules {

    static final int RECENT_RUNS = 5;

    private HealthRules() {}

    /** How many of a connection's records wait in quarantine, and the share of a run the template allows. */
    record QuarantineState(int open, double allowedPercent) {

        static final QuarantineState NONE = new QuarantineState(0, ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT);
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
                            + LocalDate.ofInstant(Objects.requireNonNull(lapsed.expiresAt()), ZoneOffset.UTC) + ": "
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
        if (newest.recordsQuarantined() > 0 && quarantined.open() > 0) {
            double percent = 100.0 * newest.recordsQuarantined() / Math.max(1, newest.recordsRead());
            if (percent > quarantined.allowedPercent()) {
                return new Health(
                        HealthStatus.DEGRADED,
                        String.format(
                                Locale.ROOT,
                                "The last sync quarantined %d of %d records (%.1f %%), more than the %s %% its template"
                                        + " allows; %d wait in quarantine.",
                                newest.recordsQuarantined(),
                                newest.recordsRead(),
                                percent,
                                ValidationRules.percent(quarantined.allowedPercent()),
                                quarantined.open()),
                        "Open the quarantine: fix the records or the mapping, then reprocess them.");
            }
        }
        long failures = finished.stream()
                .filter(run -> run.status() == RunStatus.FAILED)
                .count();
        if (failures > 0) {
            return new Health(
                    HealthStatus.DEGRADED,
                    failures + " of the last " + finished.size() + " syncs failed; the newest succeeded.",
                    "Open the failed runs in the timeline to see why.");
        }
        String throttled = newest.throttled()
                ? " It was throttled " + newest.throttledCount() + " times and waited as asked."
                : "";
        String waiting = quarantined.open() > 0 ? " " + quarantined.open() + " records wait in quarantine." : "";
        return new Health(HealthStatus.CONNECTED, "The last sync succeeded." + throttled + waiting, null);
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
