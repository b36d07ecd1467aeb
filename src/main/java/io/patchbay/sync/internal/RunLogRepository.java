package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.RUN_EVENT;

import io.patchbay.catalog.spi.HttpCall;
import io.patchbay.sync.RunEvent;
import io.patchbay.sync.RunId;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Runs' structured logs: written with each page, read for a run's page, and dropped after the retention period. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class RunLogRepository {

    /** A request as the run saw it, with when it was made. */
    record Request(Instant at, HttpCall call) {}

    private final DSLContext db;

    RunLogRepository(DSLContext db) {
        this.db = db;
    }

    /** Appends the requests made for a page, then the page's commit. */
    void page(RunId run, List<Request> requests, PageCounts counts, String checkpoint) {
        append(run, requests, counts, checkpoint);
    }

    /**
     * Appends requests no page committed: those of a read that failed, so the log shows the request that did (its
     * status, its URL without secrets) beside the run's error.
     */
    void unfinished(RunId run, List<Request> requests) {
        if (!requests.isEmpty()) {
            append(run, requests, null, null);
        }
    }

    private void append(RunId run, List<Request> requests, @Nullable PageCounts counts, @Nullable String checkpoint) {
        var tenant = CurrentTenant.require().value();
        var insert = db.insertInto(
                RUN_EVENT,
                RUN_EVENT.TENANT_ID,
                RUN_EVENT.RUN_ID,
                RUN_EVENT.AT,
                RUN_EVENT.KIND,
                RUN_EVENT.SUMMARY,
                RUN_EVENT.METHOD,
                RUN_EVENT.URL,
                RUN_EVENT.STATUS,
                RUN_EVENT.DURATION_MILLIS,
                RUN_EVENT.BYTES,
                RUN_EVENT.FAILURE,
                RUN_EVENT.RECORDS_READ,
                RUN_EVENT.RECORDS_WRITTEN,
                RUN_EVENT.RECORDS_QUARANTINED,
                RUN_EVENT.CHECKPOINT);
        for (Request request : requests) {
            HttpCall call = request.call();
            insert = insert.values(
                    tenant,
                    run.value(),
                    time(request.at()),
                    "request",
                    call.describe(),
                    call.method(),
                    call.url(),
                    call.status(),
                    call.durationMillis(),
                    call.bytes(),
                    call.failure(),
                    null,
                    null,
                    null,
                    null);
        }
        if (counts == null || checkpoint == null) {
            insert.execute();
            return;
        }
        insert = insert.values(
                tenant,
                run.value(),
                time(Instant.now()),
                "page",
                String.format(
                        Locale.ROOT,
                        "Page committed: %d read, %d written, %d quarantined; checkpoint %s",
                        counts.read(),
                        counts.written(),
                        counts.quarantined(),
                        checkpoint),
                null,
                null,
                null,
                null,
                null,
                null,
                counts.read(),
                counts.written(),
                counts.quarantined(),
                JSONB.valueOf(checkpoint));
        insert.execute();
    }

    /** The run's log, oldest first; with {@code search}, only lines that contain it. */
    public List<RunEvent> events(RunId run, @Nullable String search, int limit) {
        var condition = RUN_EVENT.TENANT_ID.eq(CurrentTenant.require().value()).and(RUN_EVENT.RUN_ID.eq(run.value()));
        if (search != null && !search.isBlank()) {
            condition = condition.and(RUN_EVENT.SUMMARY.containsIgnoreCase(search.strip()));
        }
        return db.selectFrom(RUN_EVENT)
                .where(condition)
                .orderBy(RUN_EVENT.ID)
                .limit(limit)
                .fetch(r -> new RunEvent(
                        r.getAt().toInstant(),
                        "page".equals(r.getKind()) ? RunEvent.Kind.PAGE : RunEvent.Kind.REQUEST,
                        r.getSummary(),
                        r.getStatus()));
    }

    /** Drops every tenant's lines older than {@code before}; returns how many. */
    int dropBefore(Instant before) {
        return db.deleteFrom(RUN_EVENT).where(RUN_EVENT.AT.lt(time(before))).execute();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
