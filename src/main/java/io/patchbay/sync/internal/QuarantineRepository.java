package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.QUARANTINED_RECORD;

import io.patchbay.connection.ConnectionId;
import io.patchbay.db.tables.records.QuarantinedRecordRecord;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.QuarantinedRecord;
import io.patchbay.sync.RunId;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Quarantined records as runs and people change them, the current tenant's ({@link QuarantineQueries} reads them for
 * people). Written set-wise in a page's transaction, as the core store is: a page
 * costs one statement for what it quarantines and one for what it read valid again, whatever its size.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class QuarantineRepository {

    static final String OPEN = "quarantined";

    private final DSLContext db;
    private final ObjectMapper json;

    QuarantineRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A record to keep in quarantine: as it came, as mapped, and why. */
    public record Entry(String externalId, JsonNode raw, JsonNode mapped, List<RecordProblem> problems) {}

    /**
     * Keeps each entry in quarantine: a new entry, or the open one of the same record brought to what was read now
     * (a newer read of the source replaces an edit made here, and is no longer waiting to be reprocessed).
     */
    public void quarantine(
            ConnectionId connection,
            String stream,
            String entity,
            RunId run,
            String correlationId,
            List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int size = entries.size();
        UUID[] ids = new UUID[size];
        String[] externalIds = new String[size];
        String[] raws = new String[size];
        String[] mapped = new String[size];
        String[] problems = new String[size];
        String[] reasons = new String[size];
        String[] fields = new String[size];
        String[] kinds = new String[size];
        for (int i = 0; i < size; i++) {
            Entry entry = entries.get(i);
            RecordProblem first = entry.problems().getFirst();
            ids[i] = UUID.randomUUID();
            externalIds[i] = entry.externalId();
            raws[i] = entry.raw().toString();
            mapped[i] = entry.mapped().toString();
            problems[i] = json.writeValueAsString(entry.problems());
            reasons[i] = first.reason();
            fields[i] = first.pointer();
            kinds[i] = first.kind().name();
        }
        db.execute(
                """
                insert into quarantined_record (id, tenant_id, connection_id, stream, entity, external_id, raw, mapped,
                    problems, reason, field, kind, run_id, correlation_id, status)
                select page.id, ?, ?, ?, ?, page.external_id, page.raw, page.mapped, page.problems, page.reason,
                    page.field, page.kind, ?, ?, 'quarantined'
                from unnest(?::uuid[], ?::text[], ?::jsonb[], ?::jsonb[], ?::jsonb[], ?::text[], ?::text[], ?::text[])
                    as page(id, external_id, raw, mapped, problems, reason, field, kind)
                on conflict (connection_id, stream, external_id) where status = 'quarantined' do update
                set raw = excluded.raw, mapped = excluded.mapped, problems = excluded.problems,
                    reason = excluded.reason, field = excluded.field, kind = excluded.kind, run_id = excluded.run_id,
                    correlation_id = excluded.correlation_id, last_seen_at = now(),
                    edited_by = case when quarantined_record.raw = excluded.raw then quarantined_record.edited_by end,
                    reprocess_requested_at = null
                """,
                CurrentTenant.require().value(),
                connection.value(),
                stream,
                entity,
                run.value(),
                correlationId,
                ids,
                externalIds,
                raws,
                mapped,
                problems,
                reasons,
                fields,
                kinds);
    }

    /** The external ids of the connection's stream's records waiting in quarantine now. */
    public java.util.Set<String> openExternalIds(ConnectionId connection, String stream) {
        return new java.util.HashSet<>(db.select(QUARANTINED_RECORD.EXTERNAL_ID)
                .from(QUARANTINED_RECORD)
                .where(
                        tenant(),
                        QUARANTINED_RECORD.CONNECTION_ID.eq(connection.value()),
                        QUARANTINED_RECORD.STREAM.eq(stream),
                        QUARANTINED_RECORD.STATUS.eq(OPEN))
                .fetch(QUARANTINED_RECORD.EXTERNAL_ID));
    }

    /** Closes the open entries of these records, which the source now gave valid: they were fixed there. */
    public int resolvedAtSource(ConnectionId connection, String stream, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return 0;
        }
        return db.update(QUARANTINED_RECORD)
                .set(
                        QUARANTINED_RECORD.STATUS,
                        QuarantinedRecord.Status.RESOLVED.name().toLowerCase(Locale.ROOT))
                .set(QUARANTINED_RECORD.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(QUARANTINED_RECORD.RESOLVED_BY, "source")
                .set(QUARANTINED_RECORD.RESOLUTION, "Read again from the source, valid")
                .setNull(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT)
                .where(
                        QUARANTINED_RECORD.CONNECTION_ID.eq(connection.value()),
                        QUARANTINED_RECORD.STREAM.eq(stream),
                        QUARANTINED_RECORD.STATUS.eq(OPEN),
                        QUARANTINED_RECORD.EXTERNAL_ID.eq(DSL.any(externalIds.toArray(String[]::new))),
                        tenant())
                .execute();
    }

    /** The next records waiting to be reprocessed, oldest id first after {@code after}. */
    public List<QuarantinedRecord> requested(ConnectionId connection, @Nullable UUID after, int limit) {
        Condition condition = tenant().and(QUARANTINED_RECORD.CONNECTION_ID.eq(connection.value()))
                .and(QUARANTINED_RECORD.STATUS.eq(OPEN))
                .and(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT.isNotNull());
        if (after != null) {
            condition = condition.and(QUARANTINED_RECORD.ID.gt(after));
        }
        return db.selectFrom(QUARANTINED_RECORD)
                .where(condition)
                .orderBy(QUARANTINED_RECORD.ID)
                .limit(limit)
                .fetch(r -> toRecord(json, r));
    }

    /** Which of {@code ids} are still open and waiting to be reprocessed, locked until the transaction ends. */
    public Set<UUID> lockRequested(Collection<UUID> ids) {
        return Set.copyOf(db.select(QUARANTINED_RECORD.ID)
                .from(QUARANTINED_RECORD)
                .where(
                        tenant(),
                        QUARANTINED_RECORD.ID.eq(DSL.any(ids.toArray(UUID[]::new))),
                        QUARANTINED_RECORD.STATUS.eq(OPEN),
                        QUARANTINED_RECORD.REPROCESS_REQUESTED_AT.isNotNull())
                .forUpdate()
                .fetch(QUARANTINED_RECORD.ID));
    }

    /** Closes entries that were applied by a reprocess run. */
    public int reprocessed(Collection<UUID> ids, String by) {
        return close(ids, QuarantinedRecord.Status.REPROCESSED, by, "Reprocessed and applied");
    }

    public int discard(Collection<UUID> ids, String by, String reason) {
        return close(ids, QuarantinedRecord.Status.DISCARDED, by, reason);
    }

    private int close(Collection<UUID> ids, QuarantinedRecord.Status status, String by, String resolution) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.update(QUARANTINED_RECORD)
                .set(QUARANTINED_RECORD.STATUS, status.name().toLowerCase(Locale.ROOT))
                .set(QUARANTINED_RECORD.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(QUARANTINED_RECORD.RESOLVED_BY, by)
                .set(QUARANTINED_RECORD.RESOLUTION, resolution)
                .setNull(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT)
                .where(
                        tenant(),
                        QUARANTINED_RECORD.STATUS.eq(OPEN),
                        QUARANTINED_RECORD.ID.eq(DSL.any(ids.toArray(UUID[]::new))))
                .execute();
    }

    /** A reprocessed record that is still not valid: stays in quarantine with what is wrong now. */
    public void stillInvalid(UUID id, JsonNode mapped, List<RecordProblem> problems, RunId run, String correlationId) {
        RecordProblem first = problems.getFirst();
        db.update(QUARANTINED_RECORD)
                .set(QUARANTINED_RECORD.MAPPED, JSONB.valueOf(mapped.toString()))
                .set(QUARANTINED_RECORD.PROBLEMS, JSONB.valueOf(json.writeValueAsString(problems)))
                .set(QUARANTINED_RECORD.REASON, first.reason())
                .set(QUARANTINED_RECORD.FIELD, first.pointer())
                .set(QUARANTINED_RECORD.KIND, first.kind().name())
                .set(QUARANTINED_RECORD.RUN_ID, run.value())
                .set(QUARANTINED_RECORD.CORRELATION_ID, correlationId)
                .setNull(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT)
                .where(tenant(), QUARANTINED_RECORD.ID.eq(id), QUARANTINED_RECORD.STATUS.eq(OPEN))
                .execute();
    }

    /**
     * Makes whoever else writes this connection's quarantine wait until this transaction ends: people (reprocess,
     * cancel, discard, edit) and its run's pages. Two updates of many rows of one table can lock them in different
     * orders (six people pressing Reprocess at once deadlocked); taken first in each such transaction, this lock puts
     * them one after the other instead.
     */
    public void lockConnection(ConnectionId connection) {
        db.resultQuery("select pg_advisory_xact_lock(hashtextextended(?, 16))", "quarantine:" + connection.value())
                .fetch();
    }

    /** Asks for the open records the filter selects (or just {@code ids}, when given) to be reprocessed. */
    public int requestReprocess(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        return db.update(QUARANTINED_RECORD)
                .set(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT, DSL.currentOffsetDateTime())
                .where(open(filter, ids))
                .execute();
    }

    /** Stops waiting: the connection's records asked to be reprocessed are no longer. */
    public int cancelReprocess(ConnectionId connection) {
        return db.update(QUARANTINED_RECORD)
                .setNull(QUARANTINED_RECORD.REPROCESS_REQUESTED_AT)
                .where(
                        tenant(),
                        QUARANTINED_RECORD.CONNECTION_ID.eq(connection.value()),
                        QUARANTINED_RECORD.STATUS.eq(OPEN),
                        QUARANTINED_RECORD.REPROCESS_REQUESTED_AT.isNotNull())
                .execute();
    }

    /** Replaces an open record's source data with a person's edit, with its mapping and problems as of now. */
    public boolean edit(UUID id, JsonNode raw, JsonNode mapped, String by) {
        return db.update(QUARANTINED_RECORD)
                        .set(QUARANTINED_RECORD.RAW, JSONB.valueOf(raw.toString()))
                        .set(QUARANTINED_RECORD.MAPPED, JSONB.valueOf(mapped.toString()))
                        .set(QUARANTINED_RECORD.EDITED_BY, by)
                        .where(tenant(), QUARANTINED_RECORD.ID.eq(id), QUARANTINED_RECORD.STATUS.eq(OPEN))
                        .execute()
                == 1;
    }

    // what QuarantineQueries shares: which rows are the tenant's and open, and a row as a record

    static Condition tenant() {
        return QUARANTINED_RECORD.TENANT_ID.eq(CurrentTenant.require().value());
    }

    static Condition open(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(tenant());
        conditions.add(QUARANTINED_RECORD.STATUS.eq(OPEN));
        if (filter.connection() != null) {
            conditions.add(
                    QUARANTINED_RECORD.CONNECTION_ID.eq(filter.connection().value()));
        }
        if (filter.stream() != null) {
            conditions.add(QUARANTINED_RECORD.STREAM.eq(filter.stream()));
        }
        if (filter.reason() != null) {
            conditions.add(QUARANTINED_RECORD.REASON.eq(filter.reason()));
        }
        if (filter.field() != null) {
            conditions.add(QUARANTINED_RECORD.FIELD.eq(filter.field()));
        }
        if (filter.since() != null) {
            conditions.add(QUARANTINED_RECORD.LAST_SEEN_AT.ge(filter.since().atOffset(ZoneOffset.UTC)));
        }
        if (ids != null) {
            conditions.add(QUARANTINED_RECORD.ID.eq(DSL.any(ids.toArray(UUID[]::new))));
        }
        return DSL.and(conditions);
    }

    static QuarantinedRecord toRecord(ObjectMapper json, QuarantinedRecordRecord r) {
        return new QuarantinedRecord(
                r.getId(),
                new ConnectionId(r.getConnectionId()),
                r.getStream(),
                r.getEntity(),
                r.getExternalId(),
                json.readTree(r.getRaw().data()),
                json.readTree(r.getMapped().data()),
                json.readValue(r.getProblems().data(), new TypeReference<List<RecordProblem>>() {}),
                r.getEditedBy(),
                new RunId(r.getRunId()),
                r.getCorrelationId(),
                QuarantinedRecord.Status.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
                r.getFirstSeenAt().toInstant(),
                r.getLastSeenAt().toInstant(),
                instant(r.getResolvedAt()),
                r.getResolvedBy(),
                r.getResolution(),
                r.getReprocessRequestedAt() != null);
    }

    private static @Nullable Instant instant(java.time.@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
