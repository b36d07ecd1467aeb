package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.QUARANTINED_RECORD;
import static io.patchbay.sync.internal.QuarantineRepository.OPEN;
import static io.patchbay.sync.internal.QuarantineRepository.open;
import static io.patchbay.sync.internal.QuarantineRepository.tenant;
import static io.patchbay.sync.internal.QuarantineRepository.toRecord;

import io.patchbay.connection.ConnectionId;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.QuarantineGroup;
import io.patchbay.sync.QuarantinedRecord;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/** Quarantined records as people read them, the current tenant's: grouped by reason, filtered, page by page. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class QuarantineQueries {

    private final DSLContext db;
    private final ObjectMapper json;

    QuarantineQueries(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The ids of the open records the filter selects (or of {@code ids} that are open and match). */
    public List<UUID> openIds(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        return db.select(QUARANTINED_RECORD.ID)
                .from(QUARANTINED_RECORD)
                .where(open(filter, ids))
                .fetch(QUARANTINED_RECORD.ID);
    }

    /** The connections that have open records the filter selects. */
    public List<ConnectionId> connections(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        return db.selectDistinct(QUARANTINED_RECORD.CONNECTION_ID)
                .from(QUARANTINED_RECORD)
                .where(open(filter, ids))
                .fetch(r -> new ConnectionId(r.value1()));
    }

    public int waitingForReprocess(ConnectionId connection) {
        return db.fetchCount(
                QUARANTINED_RECORD,
                tenant().and(QUARANTINED_RECORD.CONNECTION_ID.eq(connection.value()))
                        .and(QUARANTINED_RECORD.STATUS.eq(OPEN))
                        .and(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT.isNotNull()));
    }

    /** Open records grouped by reason, most records first. */
    public List<QuarantineGroup> groups(QuarantineFilter filter) {
        var count = DSL.count();
        var last = DSL.max(QUARANTINED_RECORD.LAST_SEEN_AT);
        return db.select(QUARANTINED_RECORD.REASON, QUARANTINED_RECORD.FIELD, QUARANTINED_RECORD.KIND, count, last)
                .from(QUARANTINED_RECORD)
                .where(open(filter, null))
                .groupBy(QUARANTINED_RECORD.REASON, QUARANTINED_RECORD.FIELD, QUARANTINED_RECORD.KIND)
                .orderBy(count.desc(), QUARANTINED_RECORD.REASON)
                .limit(500)
                .fetch(r -> new QuarantineGroup(
                        r.value1(),
                        r.value2(),
                        RecordProblem.Kind.valueOf(r.value3()),
                        r.value4(),
                        r.value5().toInstant()));
    }

    public int count(QuarantineFilter filter) {
        return db.fetchCount(QUARANTINED_RECORD, open(filter, null));
    }

    /** How many of the records the filter's connection (or the tenant) had in quarantine left it, and how. */
    public java.util.Map<QuarantinedRecord.Status, Integer> left(QuarantineFilter filter) {
        Condition condition =
                QuarantineRepository.tenant().and(QUARANTINED_RECORD.STATUS.ne(QuarantineRepository.OPEN));
        if (filter.connection() != null) {
            condition = condition.and(
                    QUARANTINED_RECORD.CONNECTION_ID.eq(filter.connection().value()));
        }
        var counts = new java.util.EnumMap<QuarantinedRecord.Status, Integer>(QuarantinedRecord.Status.class);
        db.select(QUARANTINED_RECORD.STATUS, DSL.count())
                .from(QUARANTINED_RECORD)
                .where(condition)
                .groupBy(QUARANTINED_RECORD.STATUS)
                .forEach(r -> counts.put(
                        QuarantinedRecord.Status.valueOf(r.value1().toUpperCase(java.util.Locale.ROOT)), r.value2()));
        return counts;
    }

    /** How many records the work with this correlation id put in quarantine that still wait there. */
    public int countWith(String correlationId) {
        return db.fetchCount(
                QUARANTINED_RECORD,
                QuarantineRepository.open(QuarantineFilter.tenant(), null)
                        .and(QUARANTINED_RECORD.CORRELATION_ID.eq(correlationId)));
    }

    /** Open records the filter selects, newest first, after the given one (keyset pagination). */
    public List<QuarantinedRecord> records(QuarantineFilter filter, @Nullable QuarantinedRecord after, int limit) {
        Condition condition = open(filter, null);
        if (after != null) {
            condition = condition.and(DSL.row(QUARANTINED_RECORD.LAST_SEEN_AT, QUARANTINED_RECORD.ID)
                    .lt(after.lastSeenAt().atOffset(ZoneOffset.UTC), after.id()));
        }
        return db.selectFrom(QUARANTINED_RECORD)
                .where(condition)
                .orderBy(QUARANTINED_RECORD.LAST_SEEN_AT.desc(), QUARANTINED_RECORD.ID.desc())
                .limit(limit)
                .fetch(r -> toRecord(json, r));
    }

    public Optional<QuarantinedRecord> find(UUID id) {
        return db.selectFrom(QUARANTINED_RECORD)
                .where(tenant(), QUARANTINED_RECORD.ID.eq(id))
                .fetchOptional(r -> toRecord(json, r));
    }
}
