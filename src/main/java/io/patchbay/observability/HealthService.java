package io.patchbay.observability;

import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.Guardrails;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.validation.ValidationRules;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes health from a connection's state and its recent runs:
 *
 * <ul>
 *   <li><b>Paused</b>: the connection is paused.
 *   <li><b>Failing</b>: the newest finished run failed with an error a person must fix (auth, config, data), or
 *       the last two runs failed.
 *   <li><b>Degraded</b>: one of the recent runs failed, or the newest quarantined more of the records it read than the
 *       template allows while some of them still wait in quarantine.
 *   <li><b>Not yet synced</b>: active, and no run has finished yet.
 *   <li><b>Connected</b>: otherwise.
 * </ul>
 */
@Service
public class HealthService {

    static final int RECENT_RUNS = 5;

    private final ConnectionService connections;
    private final RunService runs;
    private final Guardrails guardrails;
    private final Quarantine quarantine;
    private final TemplateLibrary templates;

    HealthService(
            ConnectionService connections,
            RunService runs,
            Guardrails guardrails,
            Quarantine quarantine,
            TemplateLibrary templates) {
        this.connections = connections;
        this.runs = runs;
        this.guardrails = guardrails;
        this.quarantine = quarantine;
        this.templates = templates;
    }

    /** The hub's rows: every non-draft connection of the current tenant with its health, worst first, then by name. */
    @Transactional(readOnly = true)
    public List<ConnectionOverview> overview() {
        return connections.list().stream()
                .filter(connection -> !connection.isDraft())
                .map(this::overview)
                .sorted(java.util.Comparator.comparing(
                                (ConnectionOverview row) -> row.health().status())
                        .thenComparing(row -> row.connection().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Transactional(readOnly = true)
    public ConnectionOverview overview(Connection connection) {
        List<Run> recent = runs.recentRuns(connection.id(), RECENT_RUNS + 1);
        double allowed = templates
                .find(connection.templateId(), connection.templateVersion())
                .map(template -> template.validation().quarantineAbovePercent())
                .orElse(ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT);
        Health health = health(
                connection,
                recent,
                new QuarantineState(quarantine.count(QuarantineFilter.of(connection.id())), allowed));
        if (health.status() == HealthStatus.CONNECTED || health.status() == HealthStatus.NOT_YET_SYNCED) {
            // a guardrail exception that ran out while the connection still breaks its rule
            health = guardrails
                    .lapsed(connection)
                    .map(lapsed -> new Health(
                            HealthStatus.DEGRADED,
                            "The exception to rule " + lapsed.rule() + " expired on "
                                    + java.time.LocalDate.ofInstant(
                                            java.util.Objects.requireNonNull(lapsed.expiresAt()),
                                            java.time.ZoneOffset.UTC)
                                    + ": " + lapsed.ruleText(),
                            "Change the connection to meet the rule, or ask for a new exception on its page."))
                    .orElse(health);
        }
        return new ConnectionOverview(
                connection,
                health,
                recent.isEmpty() ? null : recent.get(0),
                runs.nextRun(connection.id()).orElse(null),
                connections.spec(connection).pushed());
    }

    /** How many of a connection's records wait in quarantine, and the share of a run the template allows. */
    record QuarantineState(int open, double allowedPercent) {

        static final QuarantineState NONE = new QuarantineState(0, ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT);
    }

    static Health health(Connection connection, List<Run> newestFirst) {
        return health(connection, newestFirst, QuarantineState.NONE);
    }

    static Health health(Connection connection, List<Run> newestFirst, QuarantineState quarantined) {
        if (connection.state() == ConnectionState.PAUSED) {
            return new Health(
                    HealthStatus.PAUSED, "Paused: nothing runs on schedule.", "Resume the connection to sync again.");
        }
        List<Run> finished = newestFirst.stream()
                .filter(run -> run.status().finished() && run.status() != RunStatus.CANCELLED)
                .limit(RECENT_RUNS)
                .toList();
        if (finished.isEmpty()) {
            // nothing has come through yet: not "connected" until a sync says so
            return new Health(HealthStatus.NOT_YET_SYNCED, "Active; the first sync is on its way.", null);
        }
        Run newest = finished.get(0);
        if (newest.status() == RunStatus.FAILED) {
            boolean needsPerson = newest.errorClass() == ErrorClass.AUTH
                    || newest.errorClass() == ErrorClass.CONFIG
                    || newest.errorClass() == ErrorClass.DATA;
            boolean repeated = finished.size() > 1 && finished.get(1).status() == RunStatus.FAILED;
            String reason = "The last sync failed: " + newest.errorMessage();
            return new Health(
                    needsPerson || repeated ? HealthStatus.FAILING : HealthStatus.DEGRADED, reason, newest.errorFix());
        }
        if (newest.recordsQuarantined() > 0 && quarantined.open() > 0) {
            double percent = 100.0 * newest.recordsQuarantined() / Math.max(1, newest.recordsRead());
            if (percent > quarantined.allowedPercent()) {
                return new Health(
                        HealthStatus.DEGRADED,
                        String.format(
                                java.util.Locale.ROOT,
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
}
