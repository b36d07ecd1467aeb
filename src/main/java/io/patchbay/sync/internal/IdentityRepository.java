package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_CONFLICT;
import static io.patchbay.db.Tables.IDENTITY_LINK;

import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.CoreRecordView;
import io.patchbay.sync.IdentityConflict;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.validation.MatchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Identity conflicts and the core records they name, the current tenant's: read for review, and changed by a
 * person's link, merge or unlink. Each change runs inside the caller's transaction with the rows it touches locked.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class IdentityRepository {

    private static final String OPEN = "open";

    private final DSLContext db;
    private final ObjectMapper json;

    IdentityRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public int openCount() {
        return db.fetchCount(
                IDENTITY_CONFLICT, IDENTITY_CONFLICT.TENANT_ID.eq(tenant()).and(IDENTITY_CONFLICT.STATUS.eq(OPEN)));
    }

    /** Open conflicts, oldest first: the order they came in. */
    public List<IdentityConflict> open(int limit) {
        return db.select(IDENTITY_CONFLICT.asterisk(), CONNECTION.NAME)
                .from(IDENTITY_CONFLICT)
                .join(CONNECTION)
                .on(CONNECTION.ID.eq(IDENTITY_CONFLICT.CONNECTION_ID))
                .where(IDENTITY_CONFLICT.TENANT_ID.eq(tenant()), IDENTITY_CONFLICT.STATUS.eq(OPEN))
                .orderBy(IDENTITY_CONFLICT.CREATED_AT, IDENTITY_CONFLICT.ID)
                .limit(limit)
                .fetch(this::toConflict);
    }

    /** An open conflict; with {@code lock}, locked until the transaction ends. */
    public Optional<IdentityConflict> findOpen(UUID id, boolean lock) {
        var query = db.select(IDENTITY_CONFLICT.asterisk(), CONNECTION.NAME)
                .from(IDENTITY_CONFLICT)
                .join(CONNECTION)
                .on(CONNECTION.ID.eq(IDENTITY_CONFLICT.CONNECTION_ID))
                .where(
                        IDENTITY_CONFLICT.TENANT_ID.eq(tenant()),
                        IDENTITY_CONFLICT.ID.eq(id),
                        IDENTITY_CONFLICT.STATUS.eq(OPEN));
        return (lock ? query.forUpdate().of(IDENTITY_CONFLICT) : query).fetchOptional(this::toConflict);
    }

    /** A core record of the tenant with the external records it is; locked until the transaction ends. */
    public Optional<CoreRecordView> lockRecord(UUID coreId) {
        return db.select(CORE_RECORD.CORE_ID)
                .from(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(tenant()), CORE_RECORD.CORE_ID.eq(coreId))
                .forUpdate()
                .fetchOptional()
                .flatMap(r -> record(coreId));
    }

    public Optional<CoreRecordView> record(UUID coreId) {
        return db.selectFrom(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(tenant()), CORE_RECORD.CORE_ID.eq(coreId))
                .fetchOptional()
                .map(r -> new CoreRecordView(
                        r.getCoreId(), r.getEntity(), json.readTree(r.getData().data()), links(coreId)));
    }

    private List<CoreRecordView.Link> links(UUID coreId) {
        return db.select(IDENTITY_LINK.CONNECTION_ID, CONNECTION.NAME, IDENTITY_LINK.EXTERNAL_ID)
                .from(IDENTITY_LINK)
                .join(CONNECTION)
                .on(CONNECTION.ID.eq(IDENTITY_LINK.CONNECTION_ID))
                .where(IDENTITY_LINK.TENANT_ID.eq(tenant()), IDENTITY_LINK.CORE_ID.eq(coreId))
                .orderBy(IDENTITY_LINK.CREATED_AT, IDENTITY_LINK.EXTERNAL_ID)
                .fetch(r -> new CoreRecordView.Link(new ConnectionId(r.value1()), r.value2(), r.value3()));
    }

    public void setData(UUID coreId, JsonNode data) {
        db.update(CORE_RECORD)
                .set(CORE_RECORD.DATA, org.jooq.JSONB.valueOf(data.toString()))
                .set(CORE_RECORD.VERSION, CORE_RECORD.VERSION.plus(1))
                .set(CORE_RECORD.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CORE_RECORD.TENANT_ID.eq(tenant()), CORE_RECORD.CORE_ID.eq(coreId))
                .execute();
    }

    /** A new core record, a copy of {@code data}: what an unlinked external record becomes. */
    public UUID insertRecord(String entity, JsonNode data) {
        UUID id = UUID.randomUUID();
        db.insertInto(CORE_RECORD)
                .set(CORE_RECORD.CORE_ID, id)
                .set(CORE_RECORD.TENANT_ID, tenant())
                .set(CORE_RECORD.ENTITY, entity)
                .set(CORE_RECORD.DATA, org.jooq.JSONB.valueOf(data.toString()))
                .execute();
        return id;
    }

    /** Points one external record at another core record. */
    public boolean moveLink(CoreRecordView.Link link, String entity, UUID to) {
        return db.update(IDENTITY_LINK)
                        .set(IDENTITY_LINK.CORE_ID, to)
                        .where(
                                IDENTITY_LINK.TENANT_ID.eq(tenant()),
                                IDENTITY_LINK.CONNECTION_ID.eq(link.connection().value()),
                                IDENTITY_LINK.ENTITY.eq(entity),
                                IDENTITY_LINK.EXTERNAL_ID.eq(link.externalId()))
                        .execute()
                == 1;
    }

    /**
     * Makes {@code from} part of {@code into}: its links and match keys move there, open conflicts that named it name
     * {@code into} instead, and it is removed once nothing links to it.
     */
    public void fold(UUID from, UUID into, String by) {
        UUID tenant = tenant();
        db.update(IDENTITY_LINK)
                .set(IDENTITY_LINK.CORE_ID, into)
                .where(IDENTITY_LINK.TENANT_ID.eq(tenant), IDENTITY_LINK.CORE_ID.eq(from))
                .execute();
        db.execute("""
                insert into core_record_key (tenant_id, entity, rule, value, core_id)
                select tenant_id, entity, rule, value, ? from core_record_key where tenant_id = ? and core_id = ?
                on conflict do nothing
                """, into, tenant, from);
        db.execute("""
                update identity_conflict
                set core_id = case when core_id = ? then ? else core_id end,
                    candidates = array(select distinct c from unnest(array_replace(candidates, ?, ?)) as c)
                where tenant_id = ? and status = 'open' and (core_id = ? or ? = any(candidates))
                """, from, into, from, into, tenant, from, from);
        db.execute("""
                update identity_conflict set candidates = array_remove(candidates, core_id)
                where tenant_id = ? and status = 'open' and core_id = any(candidates)
                """, tenant);
        // a conflict whose candidates are all the record it made now is settled
        db.update(IDENTITY_CONFLICT)
                .set(IDENTITY_CONFLICT.STATUS, "merged")
                .set(IDENTITY_CONFLICT.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(IDENTITY_CONFLICT.RESOLVED_BY, by)
                .set(IDENTITY_CONFLICT.RESOLUTION, "Its records were merged")
                .where(
                        IDENTITY_CONFLICT.TENANT_ID.eq(tenant),
                        IDENTITY_CONFLICT.STATUS.eq(OPEN),
                        DSL.condition("cardinality({0}) = 0", IDENTITY_CONFLICT.CANDIDATES))
                .execute();
        removeIfUnlinked(from);
    }

    /** Removes a core record nothing links to any more (its keys go with it). */
    public boolean removeIfUnlinked(UUID coreId) {
        return db.deleteFrom(CORE_RECORD)
                        .where(CORE_RECORD.TENANT_ID.eq(tenant()), CORE_RECORD.CORE_ID.eq(coreId))
                        .andNotExists(DSL.selectOne()
                                .from(IDENTITY_LINK)
                                .where(IDENTITY_LINK.TENANT_ID.eq(tenant()), IDENTITY_LINK.CORE_ID.eq(coreId)))
                        .execute()
                == 1;
    }

    public void close(UUID conflict, String status, String by, String resolution) {
        db.update(IDENTITY_CONFLICT)
                .set(IDENTITY_CONFLICT.STATUS, status)
                .set(IDENTITY_CONFLICT.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(IDENTITY_CONFLICT.RESOLVED_BY, by)
                .set(IDENTITY_CONFLICT.RESOLUTION, resolution)
                .where(IDENTITY_CONFLICT.TENANT_ID.eq(tenant()), IDENTITY_CONFLICT.ID.eq(conflict))
                .execute();
    }

    private IdentityConflict toConflict(Record r) {
        UUID coreId = r.get(IDENTITY_CONFLICT.CORE_ID);
        List<CoreRecordView> candidates = Arrays.stream(r.get(IDENTITY_CONFLICT.CANDIDATES))
                .map(this::record)
                .flatMap(Optional::stream)
                .toList();
        String entity = r.get(IDENTITY_CONFLICT.ENTITY);
        return new IdentityConflict(
                r.get(IDENTITY_CONFLICT.ID),
                entity,
                new ConnectionId(r.get(IDENTITY_CONFLICT.CONNECTION_ID)),
                r.get(CONNECTION.NAME),
                r.get(IDENTITY_CONFLICT.EXTERNAL_ID),
                describe(r.get(IDENTITY_CONFLICT.RULE)),
                r.get(IDENTITY_CONFLICT.VALUE),
                "claimed".equals(r.get(IDENTITY_CONFLICT.KIND)),
                r.get(IDENTITY_CONFLICT.CREATED_AT).toInstant(),
                r.get(IDENTITY_CONFLICT.CORRELATION_ID),
                record(coreId).orElseGet(() -> new CoreRecordView(coreId, entity, json.createObjectNode(), List.of())),
                candidates);
    }

    /** A stored rule name ({@code email:email}) as a person reads it. */
    private static String describe(String stored) {
        int colon = stored.indexOf(':');
        MatchRule.@Nullable Kind kind = colon < 0 ? null : MatchRule.Kind.of(stored.substring(0, colon));
        return kind == null ? stored : new MatchRule(kind, stored.substring(colon + 1)).describe();
    }

    private static UUID tenant() {
        return CurrentTenant.require().value();
    }
}
