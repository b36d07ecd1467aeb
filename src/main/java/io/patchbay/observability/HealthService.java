package io.patchbay.observability;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.Guardrails;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
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
 *   <li><b>Degraded</b>: one of the recent runs failed, or the newest skipped records.
 *   <li><b>Connected</b>: otherwise.
 * </ul>
 */
@Service
public class HealthService {

    static final int RECENT_RUNS = 5;

    private final ConnectionService connections;
    private final RunService runs;
    private final Guardrails guardrails;

    HealthService(ConnectionService connections, RunService runs, Guardrails guardrails) {
        this.connections = connections;
        this.runs = runs;
        this.guardrails = guardrails;
    }

    /** The hub's rows: every non-draft connection of the current tenant with its health. */
    @Transactional(readOnly = true)
    public List<ConnectionOverview> overview() {
        return connections.list().stream()
                .filter(connection -> !connection.isDraft())
                .map(this::overview)
                .toList();
    }

    @Transactional(readOnly = true)
    public ConnectionOverview overview(Connection connection) {
        List<Run> recent = runs.recentRuns(connection.id(), RECENT_RUNS + 1);
        Health health = health(connection, recent);
        if (health.status() == HealthStatus.CONNECTED) {
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

    static Health health(Connection connection, List<Run> newestFirst) {
        if (connection.state() == ConnectionState.PAUSED) {
            return new Health(
                    HealthStatus.PAUSED, "Paused: nothing runs on schedule.", "Resume the connection to sync again.");
        }
        List<Run> finished = newestFirst.stream()
                .filter(run -> run.status().finished() && run.status() != RunStatus.CANCELLED)
                .limit(RECENT_RUNS)
                .toList();
        if (finished.isEmpty()) {
            return new Health(HealthStatus.CONNECTED, "Active; the first sync is on its way.", null);
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
        if (newest.recordsFailed() > 0) {
            return new Health(
                    HealthStatus.DEGRADED,
                    newest.recordsFailed() + " records were skipped in the last sync: " + newest.errorMessage(),
                    newest.errorFix());
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
        return new Health(HealthStatus.CONNECTED, "The last sync succeeded." + throttled, null);
    }
}
