package io.patchbay.sync;

import io.patchbay.base.RefusedException;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.sync.internal.CoreStoreRepository;
import io.patchbay.sync.internal.RunRepository;
import io.patchbay.sync.internal.SyncScheduler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Runs of the current tenant's connections: start one now, read the timeline, see what comes next. */
@Service
public class RunService {

    private final RunRepository runs;
    private final CoreStoreRepository coreStore;
    private final ConnectionService connections;
    private final SyncScheduler scheduler;
    private final ApplicationEventPublisher events;

    RunService(
            RunRepository runs,
            CoreStoreRepository coreStore,
            ConnectionService connections,
            SyncScheduler scheduler,
            ApplicationEventPublisher events) {
        this.runs = runs;
        this.coreStore = coreStore;
        this.connections = connections;
        this.scheduler = scheduler;
        this.events = events;
    }

    /**
     * Queues a run of an active connection at once (or returns the one already waiting).
     *
     * @throws RefusedException when the connection is not active
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')")
    public RunId runNow(ConnectionId connection) {
        requireActive(connection);
        RunId run = runs.enqueue(connection, RunTrigger.MANUAL);
        events.publishEvent(new RunQueued(connection, run));
        return run;
    }

    /**
     * Tries a failed run again: a sync of its connection from the last checkpoint (what the failed run committed
     * stays), queued at once (or the one already waiting).
     *
     * @throws RefusedException when the run did not fail, a newer run has ended since, or the connection is not
     *     active
     */
    @Transactional
    @PreAuthorize("hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')")
    public RunId retry(RunId failed) {
        Run run = runs.find(failed).orElseThrow(() -> new IllegalStateException("No such run"));
        if (run.status() != RunStatus.FAILED) {
            throw new RefusedException("Only a failed run can be retried.");
        }
        boolean newerEnded = runs.timeline(run.connectionId(), null, 1).stream()
                .anyMatch(newest ->
                        !newest.id().equals(run.id()) && newest.status().finished());
        if (newerEnded) {
            throw new RefusedException("A newer run has ended since; look at that one.");
        }
        requireActive(run.connectionId());
        RunId retry = runs.enqueue(run.connectionId(), RunTrigger.RETRY);
        events.publishEvent(new RunQueued(run.connectionId(), retry));
        return retry;
    }

    private void requireActive(ConnectionId connection) {
        var state = connections
                .find(connection)
                .map(c -> c.state())
                .orElseThrow(() -> new IllegalStateException("No such connection"));
        if (state != ConnectionState.ACTIVE) {
            throw new RefusedException("Only an active connection can run; resume it first.");
        }
    }

    /** Newest first, after {@code cursor} (null: from the newest). */
    @Transactional(readOnly = true)
    public List<Run> timeline(ConnectionId connection, @Nullable RunCursor cursor, int limit) {
        return runs.timeline(connection, cursor, limit);
    }

    /** The tenant's runs with this correlation id. */
    @Transactional(readOnly = true)
    public List<Run> withCorrelation(String correlationId, int limit) {
        return runs.withCorrelation(correlationId, limit);
    }

    /** How many runs wait for a worker, in every tenant: a number for metrics, nothing of any tenant's. */
    @Transactional(readOnly = true)
    public int queueDepth() {
        return runs.queued();
    }

    @Transactional(readOnly = true)
    public Optional<Run> find(RunId run) {
        return runs.find(run);
    }

    /**
     * The newest runs that synced (or reprocessed), newest first, as the health model reads them: a run that validated
     * everything wrote nothing and says nothing about the connection's health.
     */
    @Transactional(readOnly = true)
    public List<Run> recentRuns(ConnectionId connection, int limit) {
        return runs.recentSyncs(connection, limit);
    }

    @Transactional(readOnly = true)
    public Optional<Instant> nextRun(ConnectionId connection) {
        // Quartz keys schedules by connection id alone; the tenant check comes from the connection
        return connections.find(connection).flatMap(c -> scheduler.nextRun(connection));
    }

    /** How many core records this connection keeps in step. */
    @Transactional(readOnly = true)
    public int linkedRecords(ConnectionId connection) {
        return coreStore.linkedRecords(connection);
    }
}
