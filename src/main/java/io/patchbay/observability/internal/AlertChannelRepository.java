package io.patchbay.observability.internal;

import static io.patchbay.db.Tables.ALERT_CHANNEL;
import static io.patchbay.db.Tables.ALERT_DELIVERY;

import io.patchbay.observability.AlertChannel;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's alert channels, with how their deliveries are going. Reads and changes are scoped to the current tenant;
 * the vault's re-wrap reads every tenant's sealed secrets.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AlertChannelRepository {

    private static final String PENDING = "pending";
    private static final String SENT = "sent";

    private final DSLContext db;

    AlertChannelRepository(DSLContext db) {
        this.db = db;
    }

    public void insertChannel(UUID id, AlertChannel.Kind kind, String target, byte @Nullable [] secretCipher) {
        db.insertInto(ALERT_CHANNEL)
                .set(ALERT_CHANNEL.ID, id)
                .set(ALERT_CHANNEL.TENANT_ID, CurrentTenant.require().value())
                .set(ALERT_CHANNEL.KIND, kind.name().toLowerCase(Locale.ROOT))
                .set(ALERT_CHANNEL.TARGET, target)
                .set(ALERT_CHANNEL.SECRET_CIPHER, secretCipher)
                .set(ALERT_CHANNEL.CREATED_BY, CurrentTenant.actor())
                .execute();
    }

    /** Makes those changing the tenant's channels take turns until the transaction ends, so limits hold. */
    public void lockChannels() {
        db.fetch("select pg_advisory_xact_lock(hashtextextended(?, 0))", "alert_channel:" + CurrentTenant.require());
    }

    public int countChannels() {
        return db.fetchCount(
                ALERT_CHANNEL,
                ALERT_CHANNEL.TENANT_ID.eq(CurrentTenant.require().value()));
    }

    public boolean hasChannel(AlertChannel.Kind kind, String target) {
        return db.fetchExists(
                ALERT_CHANNEL,
                scopedChannels()
                        .and(ALERT_CHANNEL.KIND.eq(kind.name().toLowerCase(Locale.ROOT)))
                        .and(ALERT_CHANNEL.TARGET.eq(target)));
    }

    public List<AlertChannel> channels() {
        return db.select(ALERT_CHANNEL.fields())
                .select(lastSent(), failing(), waiting())
                .from(ALERT_CHANNEL)
                .where(scopedChannels())
                .orderBy(ALERT_CHANNEL.CREATED_AT, ALERT_CHANNEL.ID)
                .fetch(r -> new AlertChannel(
                        r.get(ALERT_CHANNEL.ID),
                        kind(r.get(ALERT_CHANNEL.KIND)),
                        r.get(ALERT_CHANNEL.TARGET),
                        r.get(ALERT_CHANNEL.ENABLED),
                        r.get(ALERT_CHANNEL.CREATED_BY),
                        r.get(ALERT_CHANNEL.CREATED_AT).toInstant(),
                        instant(r.get(lastSent())),
                        r.get(failing()),
                        r.get(waiting())));
    }

    public Optional<AlertChannel> channel(UUID id) {
        return channels().stream().filter(channel -> channel.id().equals(id)).findFirst();
    }

    public byte @Nullable [] secretCipher(UUID id) {
        return db.select(ALERT_CHANNEL.SECRET_CIPHER)
                .from(ALERT_CHANNEL)
                .where(scopedChannels().and(ALERT_CHANNEL.ID.eq(id)))
                .fetchOne(ALERT_CHANNEL.SECRET_CIPHER);
    }

    /** Every webhook channel's sealed signing secret, of every tenant: for the vault's re-wrap only. */
    public List<io.patchbay.security.SealedSecrets.Sealed> allSecrets() {
        return db.select(ALERT_CHANNEL.TENANT_ID, ALERT_CHANNEL.ID, ALERT_CHANNEL.SECRET_CIPHER)
                .from(ALERT_CHANNEL)
                .where(ALERT_CHANNEL.SECRET_CIPHER.isNotNull())
                .fetch(r -> new io.patchbay.security.SealedSecrets.Sealed(
                        new TenantId(r.value1()), AlertSends.secretOwner(r.value2()), r.value3()));
    }

    /** Replaces a channel's sealed secret if it is still {@code expected}; false otherwise. */
    public boolean replaceSecret(UUID id, byte[] expected, byte[] replacement) {
        return db.update(ALERT_CHANNEL)
                        .set(ALERT_CHANNEL.SECRET_CIPHER, replacement)
                        .where(scopedChannels().and(ALERT_CHANNEL.ID.eq(id)))
                        .and(ALERT_CHANNEL.SECRET_CIPHER.eq(expected))
                        .execute()
                == 1;
    }

    public boolean setEnabled(UUID id, boolean enabled) {
        return db.update(ALERT_CHANNEL)
                        .set(ALERT_CHANNEL.ENABLED, enabled)
                        .where(scopedChannels().and(ALERT_CHANNEL.ID.eq(id)))
                        .and(ALERT_CHANNEL.ENABLED.ne(enabled))
                        .execute()
                > 0;
    }

    public boolean deleteChannel(UUID id) {
        return db.deleteFrom(ALERT_CHANNEL)
                        .where(scopedChannels().and(ALERT_CHANNEL.ID.eq(id)))
                        .execute()
                > 0;
    }

    private static org.jooq.Condition scopedChannels() {
        return ALERT_CHANNEL.TENANT_ID.eq(CurrentTenant.require().value());
    }

    private static Field<OffsetDateTime> lastSent() {
        return DSL.field(DSL.select(DSL.max(ALERT_DELIVERY.SENT_AT))
                        .from(ALERT_DELIVERY)
                        .where(ALERT_DELIVERY.CHANNEL_ID.eq(ALERT_CHANNEL.ID)))
                .as("last_sent");
    }

    /** The newest tried delivery's outcome, when that one has not gone through. */
    private static Field<String> failing() {
        var newestTried = ALERT_DELIVERY.as("newest_tried");
        return DSL.field(DSL.select(DSL.when(newestTried.STATE.ne(SENT), newestTried.LAST_OUTCOME))
                        .from(newestTried)
                        .where(newestTried.CHANNEL_ID.eq(ALERT_CHANNEL.ID))
                        .and(newestTried.LAST_OUTCOME.isNotNull())
                        .orderBy(newestTried.ID.desc())
                        .limit(1))
                .as("failing");
    }

    private static Field<Integer> waiting() {
        return DSL.field(DSL.selectCount()
                        .from(ALERT_DELIVERY)
                        .where(ALERT_DELIVERY.CHANNEL_ID.eq(ALERT_CHANNEL.ID))
                        .and(ALERT_DELIVERY.STATE.eq(PENDING)))
                .as("waiting");
    }

    static AlertChannel.Kind kind(String stored) {
        return AlertChannel.Kind.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
