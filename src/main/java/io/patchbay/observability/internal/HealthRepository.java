package io.patchbay.observability.internal;

import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.CONNECTION_HEALTH;
import static io.patchbay.db.Tables.HEALTH_TRANSITION;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionState;
import io.patchbay.db.tables.records.ConnectionHealthRecord;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.Health;
import io.patchbay.observability.HealthCursor;
import io.patchbay.observability.HealthFilter;
import io.patchbay.observability.HealthStatus;
import io.patchbay.observability.HealthTransition;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored health ({@code connection_health}) and its transitions. Reads for people are scoped to the current tenant,
 * except {@link #page} with no tenant, which the support console calls for staff; what evaluates health (the sweep)
 * finds due rows across tenants and evaluates each in its own tenant.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class HealthRepository {

    private final DSLContext db;

    HealthRepository(DSLContext db) {
        this.db = db;
    }

    /** A connection to evaluate: its row was marked stale, or a time it must be looked at again has come. */
    public record Due(TenantId tenant, ConnectionId connection) {}

    /** What an evaluation needs of the stored row: the health it replaces and whether it still needs evaluating. */
    public record Current(
            @Nullable HealthStatus status,
            @Nullable Instant since,
            boolean due,
            @Nullable String cause,
            @Nullable String correlationId) {}

    /** Marks a connection's health to be evaluated (after the caller's commit), with what happened to it. */
    public void markStale(ConnectionId connection, String cause, @Nullable String correlationId) {
        db.insertInto(CONNECTION_HEALTH)
                .set(CONNECTION_HEALTH.CONNECTION_ID, connection.value())
                .set(CONNECTION_HEALTH.TENANT_ID, CurrentTenant.require().value())
                .set(CONNECTION_HEALTH.STALE_SINCE, DSL.currentOffsetDateTime())
                .set(CONNECTION_HEALTH.STALE_CAUSE, cause)
                .set(CONNECTION_HEALTH.STALE_CORRELATION_ID, correlationId)
                .onConflict(CONNECTION_HEALTH.CONNECTION_ID)
                .doUpdate()
                .set(
                        CONNECTION_HEALTH.STALE_SINCE,
                        DSL.coalesce(CONNECTION_HEALTH.STALE_SINCE, DSL.currentOffsetDateTime()))
                .set(CONNECTION_HEALTH.STALE_CAUSE, cause)
                .set(CONNECTION_HEALTH.STALE_CORRELATION_ID, correlationId)
                .where(CONNECTION_HEALTH.TENANT_ID.eq(CurrentTenant.require().value()))
                .execute();
    }

    /**
     * Locks the connection's health row for an evaluation (made if missing), and reads what it holds; empty when the
     * connection is gone. The connection's own row is locked first ({@code FOR KEY SHARE}, what the foreign keys of
     * the health row and its transitions take anyway): a change to a connection locks that row, then marks its health
     * row stale, and an evaluation taking them the other way round deadlocked with it.
     */
    public Optional<Current> lock(ConnectionId connection) {
        UUID tenant = CurrentTenant.require().value();
        boolean exists = db.select(CONNECTION.ID)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(connection.value()))
                .and(CONNECTION.TENANT_ID.eq(tenant))
                .forKeyShare()
                .fetchOptional()
                .isPresent();
        if (!exists) {
            return Optional.empty();
        }
        db.insertInto(CONNECTION_HEALTH)
                .set(CONNECTION_HEALTH.CONNECTION_ID, connection.value())
                .set(CONNECTION_HEALTH.TENANT_ID, tenant)
                .onConflictDoNothing()
                .execute();
        // an evaluation at the same time may have removed it (a draft's health goes): then there is nothing to do
        var row = db.selectFrom(CONNECTION_HEALTH)
                .where(CONNECTION_HEALTH.CONNECTION_ID.eq(connection.value()))
                .and(CONNECTION_HEALTH.TENANT_ID.eq(tenant))
                .forUpdate()
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        boolean due = row.getStaleSince() != null
                || row.getStatus() == null
                || (row.getRecheckAt() != null
                        && !row.getRecheckAt().toInstant().isAfter(Instant.now()));
        return Optional.of(new Current(
                row.getStatus() == null ? null : HealthStatus.fromDb(row.getStatus()),
                instant(row.getSince()),
                due,
                row.getStaleCause(),
                row.getStaleCorrelationId()));
    }

    /** Stores an evaluation on the locked row; the stale mark goes. */
    public void store(ConnectionHealth health, @Nullable Instant recheckAt) {
        ConnectionHealth.LastRun last = health.lastRun();
        db.update(CONNECTION_HEALTH)
                .set(CONNECTION_HEALTH.NAME, health.name())
                .set(CONNECTION_HEALTH.CONNECTOR, health.connector())
                .set(CONNECTION_HEALTH.STATE, health.state().name())
                .set(CONNECTION_HEALTH.SCHEDULE_MINUTES, health.scheduleMinutes())
                .set(CONNECTION_HEALTH.PUSHED, health.pushed())
                .set(CONNECTION_HEALTH.STATUS, health.health().status().dbValue())
                .set(CONNECTION_HEALTH.SEVERITY, (short)
                        health.health().status().ordinal())
                .set(CONNECTION_HEALTH.REASON, health.health().reason())
                .set(CONNECTION_HEALTH.FIX, health.health().fix())
                .set(
                        CONNECTION_HEALTH.ERROR_CLASS,
                        health.errorClass() == null ? null : health.errorClass().name())
                .set(
                        CONNECTION_HEALTH.LAST_RUN_ID,
                        last == null ? null : last.id().value())
                .set(
                        CONNECTION_HEALTH.LAST_RUN_STATUS,
                        last == null ? null : last.status().dbValue())
                .set(CONNECTION_HEALTH.LAST_RUN_AT, last == null ? null : time(last.at()))
                .set(CONNECTION_HEALTH.SINCE, time(health.since()))
                .set(CONNECTION_HEALTH.EVALUATED_AT, time(health.evaluatedAt()))
                .set(CONNECTION_HEALTH.RECHECK_AT, recheckAt == null ? null : time(recheckAt))
                .setNull(CONNECTION_HEALTH.STALE_SINCE)
                .setNull(CONNECTION_HEALTH.STALE_CAUSE)
                .setNull(CONNECTION_HEALTH.STALE_CORRELATION_ID)
                .where(CONNECTION_HEALTH.CONNECTION_ID.eq(health.connectionId().value()))
                .and(CONNECTION_HEALTH.TENANT_ID.eq(CurrentTenant.require().value()))
                .execute();
    }

    /** A connection that has no health (a setup in progress): its row goes. */
    public void remove(ConnectionId connection) {
        db.deleteFrom(CONNECTION_HEALTH)
                .where(CONNECTION_HEALTH.CONNECTION_ID.eq(connection.value()))
                .and(CONNECTION_HEALTH.TENANT_ID.eq(CurrentTenant.require().value()))
                .execute();
    }

    public void transition(HealthTransition transition) {
        db.insertInto(HEALTH_TRANSITION)
                .set(HEALTH_TRANSITION.TENANT_ID, CurrentTenant.require().value())
                .set(HEALTH_TRANSITION.CONNECTION_ID, transition.connectionId().value())
                .set(HEALTH_TRANSITION.AT, time(transition.at()))
                .set(
                        HEALTH_TRANSITION.FROM_STATUS,
                        transition.from() == null ? null : transition.from().dbValue())
                .set(HEALTH_TRANSITION.TO_STATUS, transition.to().dbValue())
                .set(HEALTH_TRANSITION.REASON, transition.reason())
                .set(HEALTH_TRANSITION.CAUSE, transition.cause())
                .set(HEALTH_TRANSITION.CORRELATION_ID, transition.correlationId())
                .execute();
    }

    /**
     * Rows to evaluate, across tenants: marked stale longer ago than {@code grace} (their own evaluation, right after
     * their commit, did not happen: a node died, or a listener failed) or whose recheck time has come.
     */
    public List<Due> due(Duration grace, int limit) {
        OffsetDateTime staleBefore = time(Instant.now().minus(grace));
        return db.select(CONNECTION_HEALTH.TENANT_ID, CONNECTION_HEALTH.CONNECTION_ID)
                .from(CONNECTION_HEALTH)
                .where(CONNECTION_HEALTH.STALE_SINCE.lt(staleBefore))
                .unionAll(DSL.select(CONNECTION_HEALTH.TENANT_ID, CONNECTION_HEALTH.CONNECTION_ID)
                        .from(CONNECTION_HEALTH)
                        .where(CONNECTION_HEALTH.RECHECK_AT.le(DSL.currentOffsetDateTime())))
                .limit(limit)
                .fetch(r -> new Due(new TenantId(r.value1()), new ConnectionId(r.value2())));
    }

    public Optional<ConnectionHealth> find(ConnectionId connection) {
        return db.selectFrom(CONNECTION_HEALTH)
                .where(CONNECTION_HEALTH.CONNECTION_ID.eq(connection.value()))
                .and(CONNECTION_HEALTH.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(CONNECTION_HEALTH.STATUS.isNotNull())
                .fetchOptional(HealthRepository::health);
    }

    /**
     * A keyset page of connections by health, worst first, then by name: of {@code tenant}, or of every tenant when
     * it is null (for staff only; the caller checks).
     */
    public List<ConnectionHealth> page(
            @Nullable TenantId tenant, HealthFilter filter, @Nullable HealthCursor after, int limit) {
        List<Condition> where = new ArrayList<>();
        where.add(CONNECTION_HEALTH.STATUS.isNotNull());
        if (tenant != null) {
            where.add(CONNECTION_HEALTH.TENANT_ID.eq(tenant.value()));
        }
        if (filter.connector() != null) {
            where.add(CONNECTION_HEALTH.CONNECTOR.eq(filter.connector()));
        }
        if (filter.status() != null) {
            where.add(CONNECTION_HEALTH.SEVERITY.eq((short) filter.status().ordinal()));
        }
        if (filter.errorClass() != null) {
            where.add(CONNECTION_HEALTH.ERROR_CLASS.eq(filter.errorClass().name()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add(CONNECTION_HEALTH.NAME.containsIgnoreCase(filter.text().trim()));
        }
        var order =
                DSL.row(CONNECTION_HEALTH.SEVERITY, DSL.lower(CONNECTION_HEALTH.NAME), CONNECTION_HEALTH.CONNECTION_ID);
        if (after != null) {
            where.add(order.gt(
                    (short) after.status().ordinal(),
                    after.name().toLowerCase(Locale.ROOT),
                    after.connectionId().value()));
        }
        return db.selectFrom(CONNECTION_HEALTH)
                .where(where)
                .orderBy(CONNECTION_HEALTH.SEVERITY, DSL.lower(CONNECTION_HEALTH.NAME), CONNECTION_HEALTH.CONNECTION_ID)
                .limit(limit)
                .fetch(HealthRepository::health);
    }

    /** The connectors the listed connections use, for a filter: of {@code tenant}, or of every tenant. */
    public List<String> connectors(@Nullable TenantId tenant) {
        return db.selectDistinct(CONNECTION_HEALTH.CONNECTOR)
                .from(CONNECTION_HEALTH)
                .where(CONNECTION_HEALTH.STATUS.isNotNull())
                .and(tenant == null ? DSL.noCondition() : CONNECTION_HEALTH.TENANT_ID.eq(tenant.value()))
                .orderBy(CONNECTION_HEALTH.CONNECTOR)
                .fetch(CONNECTION_HEALTH.CONNECTOR);
    }

    /** Newest first. */
    public List<HealthTransition> transitions(ConnectionId connection, int limit) {
        return db.selectFrom(HEALTH_TRANSITION)
                .where(HEALTH_TRANSITION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(HEALTH_TRANSITION.CONNECTION_ID.eq(connection.value()))
                .orderBy(HEALTH_TRANSITION.AT.desc(), HEALTH_TRANSITION.ID.desc())
                .limit(limit)
                .fetch(HealthRepository::transition);
    }

    /** The tenant's transitions caused by the work with this correlation id, newest first. */
    public List<HealthTransition> transitionsWith(String correlationId, int limit) {
        return db.selectFrom(HEALTH_TRANSITION)
                .where(HEALTH_TRANSITION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(HEALTH_TRANSITION.CORRELATION_ID.eq(correlationId))
                .orderBy(HEALTH_TRANSITION.AT.desc(), HEALTH_TRANSITION.ID.desc())
                .limit(limit)
                .fetch(HealthRepository::transition);
    }

    private static HealthTransition transition(io.patchbay.db.tables.records.HealthTransitionRecord r) {
        return new HealthTransition(
                new ConnectionId(r.getConnectionId()),
                r.getAt().toInstant(),
                r.getFromStatus() == null ? null : HealthStatus.fromDb(r.getFromStatus()),
                HealthStatus.fromDb(r.getToStatus()),
                r.getReason(),
                r.getCause(),
                r.getCorrelationId());
    }

    private static ConnectionHealth health(ConnectionHealthRecord r) {
        return new ConnectionHealth(
                new ConnectionId(r.getConnectionId()),
                new TenantId(r.getTenantId()),
                r.getName(),
                r.getConnector(),
                ConnectionState.valueOf(r.getState()),
                r.getScheduleMinutes(),
                r.getPushed(),
                new Health(HealthStatus.fromDb(r.getStatus()), r.getReason(), r.getFix()),
                r.getErrorClass() == null ? null : ErrorClass.valueOf(r.getErrorClass()),
                r.getLastRunId() == null
                        ? null
                        : new ConnectionHealth.LastRun(
                                new RunId(r.getLastRunId()),
                                RunStatus.fromDb(r.getLastRunStatus()),
                                r.getLastRunAt().toInstant()),
                r.getSince().toInstant(),
                r.getEvaluatedAt().toInstant());
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
