package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.SYNC_RUN;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import io.patchbay.db.tables.records.SyncRunRecord;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunCursor;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs in PostgreSQL. The queue is this table: workers claim with {@code FOR UPDATE SKIP LOCKED} and hold a lease
 * that a heartbeat renews; a run whose lease expired is handed to the next worker.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class RunRepository {

    private static final String QUEUED = RunStatus.QUEUED.dbValue();
    private static final String RUNNING = RunStatus.RUNNING.dbValue();

    /** Notified when a run is queued, at commit, so that idle workers on every node start it at once. */
    static final String QUEUED_CHANNEL = "patchbay_run_queued";

    private final DSLContext db;

    RunRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Queues a run for the current tenant's connection, or returns the one already waiting, in one statement. Either
     * way the queued run's row stays locked until the caller's transaction ends, so no worker claims it (claims skip
     * locked rows) before what the caller wrote commits: the run that is queued is a run that will see it.
     */
    public RunId enqueue(ConnectionId connection, RunTrigger trigger) {
        UUID id = UUID.randomUUID();
        var queued = db.insertInto(SYNC_RUN)
                .set(SYNC_RUN.ID, id)
                .set(SYNC_RUN.TENANT_ID, CurrentTenant.require().value())
                .set(SYNC_RUN.CONNECTION_ID, connection.value())
                .set(SYNC_RUN.TRIGGER, trigger.dbValue())
                .set(SYNC_RUN.STATUS, QUEUED)
                .set(SYNC_RUN.CORRELATION_ID, "run-" + id.toString().substring(0, 8))
                .onConflict(SYNC_RUN.CONNECTION_ID)
                .where(SYNC_RUN.STATUS.eq(QUEUED).and(sameQueue(SYNC_RUN.TRIGGER, trigger)))
                .doUpdate()
                .set(SYNC_RUN.QUEUED_AT, SYNC_RUN.QUEUED_AT)
                // xmax is 0 on a row this statement inserted, and set on one it found queued and locked
                .returningResult(SYNC_RUN.ID, DSL.field("xmax = 0", Boolean.class))
                .fetchSingle();
        if (Boolean.TRUE.equals(queued.value2())) {
            // delivered at commit to every node's workers: an idle one anywhere starts it at once
            db.execute("select pg_notify(?, '')", QUEUED_CHANNEL);
        }
        return new RunId(queued.value1());
    }

    /** Runs waiting for a worker, across tenants: the queue's depth, for metrics. */
    public int queued() {
        return db.fetchCount(SYNC_RUN, SYNC_RUN.STATUS.eq(QUEUED));
    }

    /**
     * Claims the oldest queued run whose connection has none running, across tenants (the worker serves them all).
     */
    public Optional<ClaimedRun> claim(String worker, Duration lease) {
        var running = SYNC_RUN.as("running");
        var next = db.select(SYNC_RUN.ID)
                .from(SYNC_RUN)
                .where(SYNC_RUN.STATUS.eq(QUEUED))
                .andNotExists(db.selectOne()
                        .from(running)
                        .where(running.CONNECTION_ID.eq(SYNC_RUN.CONNECTION_ID), running.STATUS.eq(RUNNING)))
                .orderBy(SYNC_RUN.QUEUED_AT)
                .limit(1)
                .forUpdate()
                .skipLocked();
        return db.update(SYNC_RUN)
                .set(SYNC_RUN.STATUS, RUNNING)
                .set(SYNC_RUN.STARTED_AT, DSL.coalesce(SYNC_RUN.STARTED_AT, DSL.currentOffsetDateTime()))
                .set(SYNC_RUN.LEASE_OWNER, worker)
                .set(SYNC_RUN.LEASE_EXPIRES_AT, leaseUntil(lease))
                .set(SYNC_RUN.ATTEMPTS, SYNC_RUN.ATTEMPTS.plus(1))
                .where(SYNC_RUN.ID.eq(next))
                .returning()
                .fetchOptional()
                .map(r -> new ClaimedRun(
                        new RunId(r.getId()),
                        new TenantId(r.getTenantId()),
                        new ConnectionId(r.getConnectionId()),
                        RunTrigger.fromDb(r.getTrigger()),
                        r.getCorrelationId()));
    }

    /**
     * Renews the lease of a run a worker is executing right now; false when the worker no longer holds it. Only runs
     * a thread is executing are renewed: a run whose end could not be recorded lets its lease expire and is reclaimed.
     */
    public boolean heartbeat(RunId run, String worker, Duration lease) {
        return db.update(SYNC_RUN)
                        .set(SYNC_RUN.LEASE_EXPIRES_AT, leaseUntil(lease))
                        .where(heldBy(run, worker))
                        .execute()
                == 1;
    }

    /**
     * Hands runs whose worker stopped heartbeating back to the queue; they resume from their last checkpoint. Where
     * a newer run already waits for the same connection (only one may wait), the stale one is cancelled instead: the
     * waiting run carries on from the same checkpoint, so nothing failed.
     */
    public int reclaimExpired() {
        var queued = SYNC_RUN.as("queued");
        var newerWaiting = DSL.exists(db.selectOne()
                .from(queued)
                .where(
                        queued.CONNECTION_ID.eq(SYNC_RUN.CONNECTION_ID),
                        queued.STATUS.eq(QUEUED),
                        queueOf(queued.TRIGGER).eq(queueOf(SYNC_RUN.TRIGGER))));
        return db.update(SYNC_RUN)
                .set(
                        SYNC_RUN.STATUS,
                        DSL.when(newerWaiting, RunStatus.CANCELLED.dbValue()).otherwise(QUEUED))
                .set(SYNC_RUN.FINISHED_AT, DSL.when(newerWaiting, DSL.currentOffsetDateTime()))
                .set(SYNC_RUN.ERROR_CLASS, DSL.when(newerWaiting, ErrorClass.TRANSIENT.name()))
                .set(
                        SYNC_RUN.ERROR_MESSAGE,
                        DSL.when(newerWaiting, "The node running this sync stopped; the next run took over."))
                .set(
                        SYNC_RUN.ERROR_FIX,
                        DSL.when(newerWaiting, "Nothing to do: the next run continues from the last checkpoint."))
                .setNull(SYNC_RUN.LEASE_OWNER)
                .setNull(SYNC_RUN.LEASE_EXPIRES_AT)
                .where(SYNC_RUN.STATUS.eq(RUNNING), SYNC_RUN.LEASE_EXPIRES_AT.lt(DSL.currentOffsetDateTime()))
                .execute();
    }

    /** Gives this worker's running runs back to the queue on a clean shutdown, so another node picks them up. */
    public int release(String worker) {
        return db.update(SYNC_RUN)
                .set(SYNC_RUN.STATUS, QUEUED)
                .setNull(SYNC_RUN.LEASE_OWNER)
                .setNull(SYNC_RUN.LEASE_EXPIRES_AT)
                .where(SYNC_RUN.STATUS.eq(RUNNING), SYNC_RUN.LEASE_OWNER.eq(worker))
                .andNotExists(db.selectOne()
                        .from(SYNC_RUN.as("q"))
                        .where(
                                SYNC_RUN.as("q").CONNECTION_ID.eq(SYNC_RUN.CONNECTION_ID),
                                SYNC_RUN.as("q").STATUS.eq(QUEUED),
                                queueOf(SYNC_RUN.as("q").TRIGGER).eq(queueOf(SYNC_RUN.TRIGGER))))
                .execute();
    }

    public void recordCheckpointBefore(RunId run, @Nullable String checkpoint) {
        db.update(SYNC_RUN)
                .set(SYNC_RUN.CHECKPOINT_BEFORE, DSL.coalesce(SYNC_RUN.CHECKPOINT_BEFORE, DSL.val(jsonb(checkpoint))))
                .where(SYNC_RUN.ID.eq(run.value()))
                .execute();
    }

    /**
     * Adds one page's counts, in the page's transaction. False when this worker no longer holds the run (its lease
     * expired and another worker took it): the caller must then roll the page back.
     */
    public boolean addProgress(RunId run, String worker, PageCounts counts, String checkpoint) {
        return db.update(SYNC_RUN)
                        .set(SYNC_RUN.RECORDS_READ, SYNC_RUN.RECORDS_READ.plus(counts.read()))
                        .set(SYNC_RUN.RECORDS_WRITTEN, SYNC_RUN.RECORDS_WRITTEN.plus(counts.written()))
                        .set(SYNC_RUN.RECORDS_QUARANTINED, SYNC_RUN.RECORDS_QUARANTINED.plus(counts.quarantined()))
                        .set(SYNC_RUN.THROTTLED_COUNT, SYNC_RUN.THROTTLED_COUNT.plus(counts.throttledCount()))
                        .set(SYNC_RUN.THROTTLED_MILLIS, SYNC_RUN.THROTTLED_MILLIS.plus(counts.throttledMillis()))
                        .set(SYNC_RUN.CHECKPOINT_AFTER, jsonb(checkpoint))
                        .where(heldBy(run, worker))
                        .execute()
                == 1;
    }

    /** Ends a run this worker holds; false when it no longer holds it. */
    public boolean finish(
            RunId run, String worker, RunStatus status, PageCounts extra, @Nullable ConnectorError error) {
        return db.update(SYNC_RUN)
                        .set(SYNC_RUN.STATUS, status.dbValue())
                        .set(SYNC_RUN.FINISHED_AT, DSL.currentOffsetDateTime())
                        .set(SYNC_RUN.THROTTLED_COUNT, SYNC_RUN.THROTTLED_COUNT.plus(extra.throttledCount()))
                        .set(SYNC_RUN.THROTTLED_MILLIS, SYNC_RUN.THROTTLED_MILLIS.plus(extra.throttledMillis()))
                        .set(
                                SYNC_RUN.ERROR_CLASS,
                                error == null ? null : error.errorClass().name())
                        .set(SYNC_RUN.ERROR_MESSAGE, error == null ? null : error.message())
                        .set(SYNC_RUN.ERROR_FIX, error == null ? null : error.fix())
                        .setNull(SYNC_RUN.LEASE_OWNER)
                        .setNull(SYNC_RUN.LEASE_EXPIRES_AT)
                        .where(heldBy(run, worker))
                        .execute()
                == 1;
    }

    /** The current tenant's runs with this correlation id (one, or a few where a caller reused an id). */
    public List<Run> withCorrelation(String correlationId, int limit) {
        return db.selectFrom(SYNC_RUN)
                .where(SYNC_RUN.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(SYNC_RUN.CORRELATION_ID.eq(correlationId))
                .orderBy(SYNC_RUN.QUEUED_AT.desc(), SYNC_RUN.ID.desc())
                .limit(limit)
                .fetch(RunRepository::toRun);
    }

    /** The current tenant's runs of a connection, newest first, after the cursor (keyset pagination). */
    public List<Run> timeline(ConnectionId connection, @Nullable RunCursor after, int limit) {
        Condition condition = ofConnection(connection);
        if (after != null) {
            condition = condition.and(
                    DSL.row(SYNC_RUN.QUEUED_AT, SYNC_RUN.ID).lt(after.queuedAt().atOffset(ZoneOffset.UTC), after.id()));
        }
        return db.selectFrom(SYNC_RUN)
                .where(condition)
                .orderBy(SYNC_RUN.QUEUED_AT.desc(), SYNC_RUN.ID.desc())
                .limit(limit)
                .fetch(RunRepository::toRun);
    }

    /** The connection's newest runs that synced or reprocessed, not those that validated everything. */
    public List<Run> recentSyncs(ConnectionId connection, int limit) {
        return db.selectFrom(SYNC_RUN)
                .where(ofConnection(connection), SYNC_RUN.TRIGGER.ne(RunTrigger.DRY_RUN.dbValue()))
                .orderBy(SYNC_RUN.QUEUED_AT.desc(), SYNC_RUN.ID.desc())
                .limit(limit)
                .fetch(RunRepository::toRun);
    }

    /** The connection's newest run of this trigger. */
    public Optional<Run> newest(ConnectionId connection, RunTrigger trigger) {
        return db.selectFrom(SYNC_RUN)
                .where(ofConnection(connection), SYNC_RUN.TRIGGER.eq(trigger.dbValue()))
                .orderBy(SYNC_RUN.QUEUED_AT.desc(), SYNC_RUN.ID.desc())
                .limit(1)
                .fetchOptional(RunRepository::toRun);
    }

    public Optional<io.patchbay.sync.RunDetail> detail(RunId run) {
        return db.selectFrom(SYNC_RUN)
                .where(SYNC_RUN.TENANT_ID.eq(CurrentTenant.require().value()), SYNC_RUN.ID.eq(run.value()))
                .fetchOptional(r -> new io.patchbay.sync.RunDetail(
                        toRun(r),
                        r.getCheckpointBefore() == null
                                ? null
                                : r.getCheckpointBefore().data(),
                        r.getCheckpointAfter() == null
                                ? null
                                : r.getCheckpointAfter().data()));
    }

    public Optional<Run> find(RunId run) {
        return db.selectFrom(SYNC_RUN)
                .where(SYNC_RUN.TENANT_ID.eq(CurrentTenant.require().value()), SYNC_RUN.ID.eq(run.value()))
                .fetchOptional(RunRepository::toRun);
    }

    /**
     * A connection has two queues of one each: syncs, and reprocessing of quarantined records (each waits for the
     * other to finish, as only one run of a connection runs at a time).
     */
    /**
     * The waiting runs a run of this trigger joins: reprocessing and validating everything each queue on their own,
     * syncs of every other trigger together (as the partial unique indexes on queued runs say).
     */
    private static Condition sameQueue(org.jooq.Field<String> trigger, RunTrigger queued) {
        return switch (queued) {
            case REPROCESS, DRY_RUN -> trigger.eq(queued.dbValue());
            default -> trigger.ne(RunTrigger.REPROCESS.dbValue()).and(trigger.ne(RunTrigger.DRY_RUN.dbValue()));
        };
    }

    /** Which queue a run of this trigger waits in: its own for reprocessing and validating everything, else syncs'. */
    private static org.jooq.Field<String> queueOf(org.jooq.Field<String> trigger) {
        return DSL.when(trigger.in(RunTrigger.REPROCESS.dbValue(), RunTrigger.DRY_RUN.dbValue()), trigger)
                .otherwise("sync");
    }

    private static Condition ofConnection(ConnectionId connection) {
        return SYNC_RUN.TENANT_ID
                .eq(CurrentTenant.require().value())
                .and(SYNC_RUN.CONNECTION_ID.eq(connection.value()));
    }

    private static @Nullable JSONB jsonb(@Nullable String json) {
        return json == null ? null : JSONB.valueOf(json);
    }

    private static OffsetDateTime leaseUntil(Duration lease) {
        return OffsetDateTime.now(ZoneOffset.UTC).plus(lease);
    }

    static Run toRun(SyncRunRecord r) {
        return new Run(
                new RunId(r.getId()),
                new ConnectionId(r.getConnectionId()),
                RunTrigger.fromDb(r.getTrigger()),
                RunStatus.fromDb(r.getStatus()),
                r.getCorrelationId(),
                r.getQueuedAt().toInstant(),
                r.getStartedAt() == null ? null : r.getStartedAt().toInstant(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                r.getRecordsRead(),
                r.getRecordsWritten(),
                r.getRecordsQuarantined(),
                r.getThrottledCount(),
                r.getThrottledMillis(),
                r.getErrorClass() == null ? null : ErrorClass.valueOf(r.getErrorClass()),
                r.getErrorMessage(),
                r.getErrorFix());
    }

    /** The run, still running and still this worker's: what every write of a worker to its run requires. */
    private static Condition heldBy(RunId run, String worker) {
        return SYNC_RUN.ID.eq(run.value()).and(SYNC_RUN.STATUS.eq(RUNNING)).and(SYNC_RUN.LEASE_OWNER.eq(worker));
    }
}
