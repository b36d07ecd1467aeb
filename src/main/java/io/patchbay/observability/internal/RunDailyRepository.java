package io.patchbay.observability.internal;

import static io.patchbay.db.Tables.FAILURE_DAILY;
import static io.patchbay.db.Tables.RUN_DAILY;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.FailureDay;
import io.patchbay.observability.RunDay;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.LocalDate;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily roll-ups of finished runs that a trigger keeps ({@code run_daily}, {@code failure_daily}): what charts
 * read. A connection's days are scoped to the current tenant; failures by class are read for one tenant or, for the
 * operator's staff in the support console, for all.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class RunDailyRepository {

    private final DSLContext db;

    RunDailyRepository(DSLContext db) {
        this.db = db;
    }

    /** The connection's days from {@code since} on that had runs, oldest first. */
    public List<RunDay> days(ConnectionId connection, LocalDate since) {
        return db.selectFrom(RUN_DAILY)
                .where(RUN_DAILY.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(RUN_DAILY.CONNECTION_ID.eq(connection.value()))
                .and(RUN_DAILY.DAY.ge(since))
                .orderBy(RUN_DAILY.DAY)
                .fetch(r -> new RunDay(
                        r.getDay(),
                        r.getSucceeded(),
                        r.getFailed(),
                        r.getRecordsRead(),
                        r.getRecordsWritten(),
                        r.getRecordsQuarantined()));
    }

    /** Failures by day and class from {@code since} on, of one tenant or (null) of every tenant. */
    public List<FailureDay> failures(@Nullable TenantId tenant, LocalDate since) {
        Condition scope = tenant == null ? DSL.noCondition() : FAILURE_DAILY.TENANT_ID.eq(tenant.value());
        var failures = DSL.sum(FAILURE_DAILY.FAILURES).cast(Integer.class);
        return db.select(FAILURE_DAILY.DAY, FAILURE_DAILY.ERROR_CLASS, failures)
                .from(FAILURE_DAILY)
                .where(scope)
                .and(FAILURE_DAILY.DAY.ge(since))
                .groupBy(FAILURE_DAILY.DAY, FAILURE_DAILY.ERROR_CLASS)
                .orderBy(FAILURE_DAILY.DAY, FAILURE_DAILY.ERROR_CLASS)
                .fetch(r -> new FailureDay(r.value1(), ErrorClass.valueOf(r.value2()), r.value3()));
    }
}
