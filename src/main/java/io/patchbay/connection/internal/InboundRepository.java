package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.INBOUND_MESSAGE;
import static io.patchbay.db.Tables.INBOUND_RECORD;

import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.Received;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.InboundMessage;
import io.patchbay.tenancy.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Messages pushed to connections and their staged records, scoped to the tenant in {@link CurrentTenant}. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class InboundRepository {

    private static final int INSERT_BATCH = 1_000;

    private final DSLContext db;
    private final ObjectMapper json;

    InboundRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Stages a message and its records and returns the message as stored; empty (and nothing written) when the
     * connection already has a message with that id. The primary key decides, so two nodes taking the same retry at
     * once still stage it once.
     */
    public Optional<InboundMessage> stage(
            ConnectionId connection,
            InboundMessage.Kind kind,
            Received received,
            String receivedBy,
            @Nullable String correlationId,
            IntConsumer stagedSoFar) {
        UUID tenant = CurrentTenant.require().value();
        Optional<InboundMessage> inserted = db.insertInto(INBOUND_MESSAGE)
                .set(INBOUND_MESSAGE.TENANT_ID, tenant)
                .set(INBOUND_MESSAGE.CONNECTION_ID, connection.value())
                .set(INBOUND_MESSAGE.MESSAGE_ID, received.messageId())
                .set(INBOUND_MESSAGE.KIND, kind.dbValue())
                .set(INBOUND_MESSAGE.SUMMARY, received.summary())
                .set(INBOUND_MESSAGE.PROBLEMS, JSONB.valueOf(write(received.problems())))
                .set(INBOUND_MESSAGE.RECORD_COUNT, received.records().size())
                .set(INBOUND_MESSAGE.RECEIVED_BY, receivedBy)
                .set(INBOUND_MESSAGE.CORRELATION_ID, correlationId)
                .onConflictDoNothing()
                .returning()
                .fetchOptional(this::toMessage);
        if (inserted.isEmpty()) {
            return inserted;
        }
        // one prepared statement, bound once per record and sent in batches
        List<SourceRecord> records = received.records();
        for (int from = 0; from < records.size(); from += INSERT_BATCH) {
            BatchBindStep batch = db.batch(db.insertInto(
                            INBOUND_RECORD,
                            INBOUND_RECORD.TENANT_ID,
                            INBOUND_RECORD.CONNECTION_ID,
                            INBOUND_RECORD.MESSAGE_ID,
                            INBOUND_RECORD.EXTERNAL_ID,
                            INBOUND_RECORD.DATA)
                    .values((UUID) null, null, null, null, null));
            int to = Math.min(records.size(), from + INSERT_BATCH);
            for (SourceRecord record : records.subList(from, to)) {
                batch = batch.bind(
                        tenant,
                        connection.value(),
                        received.messageId(),
                        record.externalId(),
                        JSONB.valueOf(record.data().toString()));
            }
            batch.execute();
            stagedSoFar.accept(to);
        }
        return inserted;
    }

    /** Drops every message of a connection: a draft keeps only the last file uploaded to it. */
    public void discardAll(ConnectionId connection) {
        db.deleteFrom(INBOUND_MESSAGE)
                .where(
                        INBOUND_MESSAGE.TENANT_ID.eq(CurrentTenant.require().value()),
                        INBOUND_MESSAGE.CONNECTION_ID.eq(connection.value()))
                .execute();
    }

    public Optional<InboundMessage> find(ConnectionId connection, String messageId) {
        return db.selectFrom(INBOUND_MESSAGE)
                .where(
                        INBOUND_MESSAGE.TENANT_ID.eq(CurrentTenant.require().value()),
                        INBOUND_MESSAGE.CONNECTION_ID.eq(connection.value()),
                        INBOUND_MESSAGE.MESSAGE_ID.eq(messageId))
                .fetchOptional(this::toMessage);
    }

    /** Newest first. */
    /** The tenant's messages received by the request with this correlation id, by connection. */
    public Map<ConnectionId, List<InboundMessage>> withCorrelation(String correlationId, int limit) {
        Map<ConnectionId, List<InboundMessage>> found = new java.util.LinkedHashMap<>();
        db.selectFrom(INBOUND_MESSAGE)
                .where(INBOUND_MESSAGE.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(INBOUND_MESSAGE.CORRELATION_ID.eq(correlationId))
                .orderBy(INBOUND_MESSAGE.RECEIVED_AT.desc(), INBOUND_MESSAGE.MESSAGE_ID)
                .limit(limit)
                .forEach(r -> found.computeIfAbsent(new ConnectionId(r.getConnectionId()), c -> new ArrayList<>())
                        .add(toMessage(r)));
        return found;
    }

    public List<InboundMessage> recent(ConnectionId connection, int limit) {
        return db.selectFrom(INBOUND_MESSAGE)
                .where(
                        INBOUND_MESSAGE.TENANT_ID.eq(CurrentTenant.require().value()),
                        INBOUND_MESSAGE.CONNECTION_ID.eq(connection.value()))
                .orderBy(INBOUND_MESSAGE.RECEIVED_AT.desc(), INBOUND_MESSAGE.MESSAGE_ID)
                .limit(limit)
                .fetch(this::toMessage);
    }

    public int count(ConnectionId connection) {
        return db.fetchCount(
                INBOUND_MESSAGE,
                INBOUND_MESSAGE
                        .TENANT_ID
                        .eq(CurrentTenant.require().value())
                        .and(INBOUND_MESSAGE.CONNECTION_ID.eq(connection.value())));
    }

    /**
     * Gives every committed message of the connection that has none yet the next sequence numbers, in the order they
     * were received. Readers of one connection take turns (a transaction-scoped advisory lock), so numbers are given
     * in commit order: a message that commits after this statement gets a higher number than any given here.
     */
    public void sequenceCommitted(ConnectionId connection) {
        UUID id = connection.value();
        UUID tenant = CurrentTenant.require().value();
        db.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(lockKey(id))))
                .fetch();
        // the rows to number are found once and each is then updated by its primary key: joined by message id
        // instead, a plan made without statistics compared every message with every new one (5 s for 573 new ones)
        db.execute("""
                update inbound_message m
                set sequence = numbered.sequence
                from (
                    select message_id,
                           (select coalesce(max(sequence), 0) from inbound_message
                            where tenant_id = ? and connection_id = ? and sequence is not null)
                           + row_number() over (order by received_at, message_id) as sequence
                    from inbound_message
                    where tenant_id = ? and connection_id = ? and sequence is null) numbered
                where m.connection_id = ? and m.message_id = numbered.message_id
                """, tenant, id, tenant, id, id);
    }

    /**
     * Staged records after {@code after}, in (message sequence, record position) order; sequenced messages only. The
     * messages are taken in sequence order first, no more than the page can need (each has a record, the first may
     * have none left), so a page costs the same however many messages wait behind it.
     */
    public List<PushedRecord> after(ConnectionId connection, PushedRecord.Position after, int limit) {
        UUID id = connection.value();
        return db.resultQuery(
                        """
                        select m.sequence, r.position, r.external_id, r.data
                        from (
                            select message_id, sequence from inbound_message
                            where tenant_id = ? and connection_id = ? and sequence >= ? and record_count > 0
                            order by sequence
                            limit ?) m
                        join inbound_record r on r.connection_id = ? and r.message_id = m.message_id
                        where (m.sequence, r.position) > (?, ?)
                        order by m.sequence, r.position
                        limit ?
                        """,
                        CurrentTenant.require().value(),
                        id,
                        after.sequence(),
                        limit + 1,
                        id,
                        after.sequence(),
                        after.record(),
                        limit)
                .coerce(
                        INBOUND_MESSAGE.SEQUENCE,
                        INBOUND_RECORD.POSITION,
                        INBOUND_RECORD.EXTERNAL_ID,
                        INBOUND_RECORD.DATA)
                .fetch(r -> new PushedRecord(
                        new PushedRecord.Position(r.value1(), r.value2()),
                        new SourceRecord(r.value3(), read(r.value4()))));
    }

    /** One lock per connection's staged messages, apart from every other use of advisory locks. */
    private static long lockKey(UUID connection) {
        return connection.getMostSignificantBits() ^ connection.getLeastSignificantBits() ^ 0x1b0d5e9c3a7f4d21L;
    }

    private InboundMessage toMessage(io.patchbay.db.tables.records.InboundMessageRecord r) {
        List<String> problems = new ArrayList<>();
        json.readTree(r.getProblems().data()).forEach(p -> problems.add(p.asString()));
        return new InboundMessage(
                r.getMessageId(),
                InboundMessage.Kind.fromDb(r.getKind()),
                r.getSummary(),
                List.copyOf(problems),
                r.getRecordCount(),
                r.getReceivedBy(),
                r.getReceivedAt().toInstant(),
                r.getCorrelationId());
    }

    private ObjectNode read(JSONB data) {
        return (ObjectNode) json.readTree(data.data());
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }
}
