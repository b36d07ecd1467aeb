package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.CONNECTION;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.SetupStep;
import io.patchbay.db.tables.records.ConnectionRecord;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import tools.jackson.databind.node.ObjectNode;

/** Connections in PostgreSQL, always scoped to the tenant in {@link CurrentTenant}. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class ConnectionRepository {

    private final DSLContext db;
    private final ObjectMapper json;

    ConnectionRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void insert(
            ConnectionId id,
            String name,
            String templateId,
            int templateVersion,
            String connector,
            ObjectNode settings,
            int scheduleMinutes,
            String createdBy) {
        db.insertInto(CONNECTION)
                .set(CONNECTION.ID, id.value())
                .set(CONNECTION.TENANT_ID, CurrentTenant.require().value())
                .set(CONNECTION.NAME, name)
                .set(CONNECTION.TEMPLATE_ID, templateId)
                .set(CONNECTION.TEMPLATE_VERSION, templateVersion)
                .set(CONNECTION.CONNECTOR, connector)
                .set(CONNECTION.STATE, db(ConnectionState.DRAFT))
                .set(CONNECTION.SETUP_STEP, db(SetupStep.DETAILS))
                .set(CONNECTION.CONFIG, JSONB.valueOf(settings.toString()))
                .set(CONNECTION.SCHEDULE_MINUTES, scheduleMinutes)
                .set(CONNECTION.CREATED_BY, createdBy)
                .execute();
    }

    public Optional<Connection> find(ConnectionId id) {
        return db.selectFrom(CONNECTION).where(scoped(id)).fetchOptional(this::toConnection);
    }

    /**
     * The tenant a connection belongs to, looked up without a tenant in scope: only for a webhook delivery, where
     * no one is signed in and the signature, checked next under that tenant, proves the sender.
     */
    public Optional<TenantId> tenantOf(ConnectionId id) {
        return db.select(CONNECTION.TENANT_ID)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(id.value()))
                .fetchOptional(r -> new TenantId(r.value1()));
    }

    /** Locks the row for the rest of the transaction, so two people changing one connection take turns. */
    public Optional<Connection> lock(ConnectionId id) {
        return db.selectFrom(CONNECTION).where(scoped(id)).forUpdate().fetchOptional(this::toConnection);
    }

    public List<Connection> list() {
        return db.selectFrom(CONNECTION)
                .where(CONNECTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .orderBy(CONNECTION.NAME, CONNECTION.ID)
                .fetch(this::toConnection);
    }

    /** The tenant's setups in progress, newest first. */
    public List<Connection> drafts(int limit) {
        return db.selectFrom(CONNECTION)
                .where(CONNECTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(CONNECTION.STATE.eq("draft"))
                .orderBy(CONNECTION.CREATED_AT.desc(), CONNECTION.ID)
                .limit(limit)
                .fetch(this::toConnection);
    }

    public byte @Nullable [] secretCipher(ConnectionId id) {
        return db.select(CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(scoped(id))
                .fetchOne(CONNECTION.SECRET_CIPHER);
    }

    /** Saves the details; {@code secrets} (null: unchanged) is the sealed JSON of every secret setting. */
    public void updateDetails(
            ConnectionId id,
            String name,
            ObjectNode settings,
            byte @Nullable [] secrets,
            Map<String, String> hints,
            SetupStep step) {
        var update = db.update(CONNECTION)
                .set(CONNECTION.NAME, name)
                .set(CONNECTION.CONFIG, JSONB.valueOf(settings.toString()))
                .set(CONNECTION.SETUP_STEP, db(step));
        if (secrets != null) {
            update = update.set(CONNECTION.SECRET_CIPHER, secrets)
                    .set(
                            CONNECTION.SECRET_HINTS,
                            JSONB.valueOf(json.valueToTree(hints).toString()));
        }
        update.set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    public void updateName(ConnectionId id, String name) {
        db.update(CONNECTION)
                .set(CONNECTION.NAME, name)
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    /** Deletes the connection; its runs, checkpoints, identity links, inbound messages and consent go with it. */
    public void delete(ConnectionId id) {
        db.deleteFrom(CONNECTION).where(scoped(id)).execute();
    }

    /** Moves a connection to another connector version with its migrated settings and secrets. */
    public void updateConnector(
            ConnectionId id,
            String connector,
            ObjectNode settings,
            byte @Nullable [] secrets,
            Map<String, String> hints) {
        db.update(CONNECTION)
                .set(CONNECTION.CONNECTOR, connector)
                .set(CONNECTION.CONFIG, JSONB.valueOf(settings.toString()))
                .set(CONNECTION.SECRET_CIPHER, secrets)
                .set(
                        CONNECTION.SECRET_HINTS,
                        JSONB.valueOf(json.valueToTree(hints).toString()))
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    /** Moves the connection to another version of its template, with the settings that version gives it. */
    public void updateTemplate(ConnectionId id, int templateVersion, ObjectNode settings) {
        db.update(CONNECTION)
                .set(CONNECTION.TEMPLATE_VERSION, templateVersion)
                .set(CONNECTION.CONFIG, JSONB.valueOf(settings.toString()))
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    /** Saves the connection's own mapping; null goes back to its template's. */
    public void updateMapping(ConnectionId id, @Nullable String mapping) {
        db.update(CONNECTION)
                .set(CONNECTION.MAPPING, mapping)
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    public void updateStep(ConnectionId id, SetupStep step) {
        db.update(CONNECTION)
                .set(CONNECTION.SETUP_STEP, db(step))
                .set(CONNECTION.UPDATED_AT, now())
                .where(scoped(id))
                .execute();
    }

    public void updateStream(ConnectionId id, String stream) {
        db.update(CONNECTION)
                .set(CONNECTION.STREAM, stream)
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    public void updatePauseOnAnomaly(ConnectionId id, boolean pause) {
        db.update(CONNECTION)
                .set(CONNECTION.PAUSE_ON_ANOMALY, pause)
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    public void updateSchedule(ConnectionId id, int minutes) {
        db.update(CONNECTION)
                .set(CONNECTION.SCHEDULE_MINUTES, minutes)
                .set(CONNECTION.UPDATED_AT, now())
                .set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    public void updateState(ConnectionId id, ConnectionState state) {
        var update = db.update(CONNECTION).set(CONNECTION.STATE, db(state)).set(CONNECTION.UPDATED_AT, now());
        update = switch (state) {
            case ACTIVE ->
                update.set(CONNECTION.ACTIVATED_AT, DSL.coalesce(CONNECTION.ACTIVATED_AT, DSL.val(now())))
                        .setNull(CONNECTION.PAUSED_AT);
            case PAUSED -> update.set(CONNECTION.PAUSED_AT, now());
            case DRAFT -> update;
        };
        update.set(CONNECTION.VERSION, CONNECTION.VERSION.plus(1))
                .where(scoped(id))
                .execute();
    }

    /** A stored secret as the re-wrap after a key rotation sees it. */
    public record StoredSecret(TenantId tenantId, ConnectionId connectionId, byte[] cipher) {}

    /**
     * Every stored secret of every tenant. For the vault's re-wrap after a key rotation only, a system task that
     * serves all tenants and never shows what it reads.
     */
    public List<StoredSecret> allStoredSecrets() {
        return db.select(CONNECTION.TENANT_ID, CONNECTION.ID, CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(CONNECTION.SECRET_CIPHER.isNotNull())
                .fetch(r -> new StoredSecret(new TenantId(r.value1()), new ConnectionId(r.value2()), r.value3()));
    }

    /** Replaces a secret's ciphertext if nobody changed it meanwhile; false otherwise. */
    public boolean replaceCipher(ConnectionId id, byte[] expected, byte[] replacement) {
        return db.update(CONNECTION)
                        .set(CONNECTION.SECRET_CIPHER, replacement)
                        .where(scoped(id), CONNECTION.SECRET_CIPHER.eq(expected))
                        .execute()
                == 1;
    }

    /** Replaces the sealed secrets alone (refreshed OAuth2 tokens); their hints stay as they are. */
    public void updateSecretCipher(ConnectionId id, byte[] secrets) {
        db.update(CONNECTION)
                .set(CONNECTION.SECRET_CIPHER, secrets)
                .set(CONNECTION.UPDATED_AT, now())
                .where(scoped(id))
                .execute();
    }

    private Condition scoped(ConnectionId id) {
        return CONNECTION.TENANT_ID.eq(CurrentTenant.require().value()).and(CONNECTION.ID.eq(id.value()));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String db(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private Connection toConnection(ConnectionRecord r) {
        JsonNode settings = json.readTree(r.getConfig().data());
        Map<String, String> hints =
                json.readValue(r.getSecretHints().data(), new TypeReference<Map<String, String>>() {});
        return new Connection(
                new ConnectionId(r.getId()),
                new TenantId(r.getTenantId()),
                r.getName(),
                r.getTemplateId(),
                r.getTemplateVersion(),
                r.getConnector(),
                ConnectionState.valueOf(r.getState().toUpperCase(Locale.ROOT)),
                SetupStep.valueOf(r.getSetupStep().toUpperCase(Locale.ROOT)),
                settings,
                hints,
                r.getStream(),
                r.getMapping(),
                r.getScheduleMinutes(),
                r.getCreatedBy(),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant(),
                r.getActivatedAt() == null ? null : r.getActivatedAt().toInstant(),
                r.getPausedAt() == null ? null : r.getPausedAt().toInstant(),
                r.getVersion(),
                r.getPauseOnAnomaly());
    }
}
