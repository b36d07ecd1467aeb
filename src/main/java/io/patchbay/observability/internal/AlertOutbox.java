package io.patchbay.observability.internal;

import static io.patchbay.db.Tables.ALERT_CHANNEL;
import static io.patchbay.db.Tables.ALERT_DELIVERY;
import static io.patchbay.db.Tables.NOTICE;

import io.patchbay.db.tables.AlertDelivery;
import io.patchbay.observability.AlertChannel;
import io.patchbay.observability.Notice;
import io.patchbay.observability.NoticeDelivery;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox of alert deliveries: one row per notice and channel, queued in the notice's transaction, claimed with a
 * lease by the dispatcher of any node, and marked sent, retried or failed. A tenant's reads are scoped to it;
 * claiming and recording serve every tenant, for the dispatcher.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AlertOutbox {

    private static final String PENDING = "pending";
    private static final String SENT = "sent";
    private static final String FAILED = "failed";

    private final DSLContext db;

    AlertOutbox(DSLContext db) {
        this.db = db;
    }

    /** A delivery claimed for sending, with what it sends and where. */
    public record Claimed(
            long id,
            TenantId tenantId,
            UUID channelId,
            AlertChannel.Kind kind,
            String target,
            byte @Nullable [] secretCipher,
            int attempts,
            Notice notice) {}

    /** Queues the notice for each of the tenant's enabled channels, in the notice's own transaction. */
    public int enqueue(long noticeId) {
        TenantId tenant = CurrentTenant.require();
        return db.insertInto(
                        ALERT_DELIVERY, ALERT_DELIVERY.TENANT_ID, ALERT_DELIVERY.NOTICE_ID, ALERT_DELIVERY.CHANNEL_ID)
                .select(DSL.select(DSL.val(tenant.value()), DSL.val(noticeId), ALERT_CHANNEL.ID)
                        .from(ALERT_CHANNEL)
                        .where(ALERT_CHANNEL.TENANT_ID.eq(tenant.value()))
                        .and(ALERT_CHANNEL.ENABLED))
                .onConflictDoNothing()
                .execute();
    }

    /** How each of these notices of the tenant is getting on at its channels. */
    public List<NoticeDelivery> deliveriesOf(Collection<Long> noticeIds) {
        if (noticeIds.isEmpty()) {
            return List.of();
        }
        return db.select(
                        ALERT_DELIVERY.NOTICE_ID,
                        ALERT_CHANNEL.KIND,
                        ALERT_CHANNEL.TARGET,
                        ALERT_DELIVERY.STATE,
                        ALERT_DELIVERY.ATTEMPTS,
                        ALERT_DELIVERY.LAST_OUTCOME,
                        ALERT_DELIVERY.SENT_AT,
                        ALERT_DELIVERY.NEXT_ATTEMPT_AT)
                .from(ALERT_DELIVERY)
                .join(ALERT_CHANNEL)
                .on(ALERT_CHANNEL.ID.eq(ALERT_DELIVERY.CHANNEL_ID))
                .where(ALERT_DELIVERY.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(ALERT_DELIVERY.NOTICE_ID.in(noticeIds))
                .orderBy(ALERT_DELIVERY.NOTICE_ID, ALERT_CHANNEL.CREATED_AT)
                .fetch(r -> new NoticeDelivery(
                        r.value1(),
                        AlertChannelRepository.kind(r.value2()),
                        r.value3(),
                        NoticeDelivery.State.valueOf(r.value4().toUpperCase(Locale.ROOT)),
                        r.value5(),
                        r.value6(),
                        AlertChannelRepository.instant(r.value7()),
                        r.value8().toInstant()));
    }

    /**
     * Claims up to {@code limit} due deliveries of any tenant to enabled channels, counting the attempt and holding
     * them for {@code lease}: a sender that dies leaves them to be claimed again when it runs out.
     */
    public List<Claimed> claimDue(int limit, Duration lease) {
        var due = db.select(ALERT_DELIVERY.ID)
                .from(ALERT_DELIVERY)
                .where(ALERT_DELIVERY.STATE.eq(PENDING))
                .and(ALERT_DELIVERY.NEXT_ATTEMPT_AT.le(DSL.currentOffsetDateTime()))
                .and(DSL.exists(DSL.selectOne()
                        .from(ALERT_CHANNEL)
                        .where(ALERT_CHANNEL.ID.eq(ALERT_DELIVERY.CHANNEL_ID))
                        .and(ALERT_CHANNEL.ENABLED)))
                .orderBy(ALERT_DELIVERY.NEXT_ATTEMPT_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked();
        List<Long> ids = db.update(ALERT_DELIVERY)
                .set(ALERT_DELIVERY.ATTEMPTS, ALERT_DELIVERY.ATTEMPTS.plus(1))
                .set(ALERT_DELIVERY.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime().plus(DayToSecond.valueOf(lease)))
                .where(ALERT_DELIVERY.ID.in(due))
                .returning(ALERT_DELIVERY.ID)
                .fetch(ALERT_DELIVERY.ID);
        if (ids.isEmpty()) {
            return List.of();
        }
        AlertDelivery d = ALERT_DELIVERY;
        return db.select(d.ID, d.TENANT_ID, d.CHANNEL_ID, d.ATTEMPTS, ALERT_CHANNEL.KIND, ALERT_CHANNEL.TARGET)
                .select(ALERT_CHANNEL.SECRET_CIPHER)
                .select(NOTICE.fields())
                .from(d)
                .join(ALERT_CHANNEL)
                .on(ALERT_CHANNEL.ID.eq(d.CHANNEL_ID))
                .join(NOTICE)
                .on(NOTICE.ID.eq(d.NOTICE_ID))
                .where(d.ID.in(ids))
                .orderBy(d.ID)
                .fetch(r -> new Claimed(
                        r.get(d.ID),
                        new TenantId(r.get(d.TENANT_ID)),
                        r.get(d.CHANNEL_ID),
                        AlertChannelRepository.kind(r.get(ALERT_CHANNEL.KIND)),
                        r.get(ALERT_CHANNEL.TARGET),
                        r.get(ALERT_CHANNEL.SECRET_CIPHER),
                        r.get(d.ATTEMPTS),
                        NoticeRepository.toNotice(r.into(NOTICE))));
    }

    public void sent(long id, String outcome) {
        db.update(ALERT_DELIVERY)
                .set(ALERT_DELIVERY.STATE, SENT)
                .set(ALERT_DELIVERY.LAST_OUTCOME, outcome)
                .set(ALERT_DELIVERY.SENT_AT, DSL.currentOffsetDateTime())
                .where(ALERT_DELIVERY.ID.eq(id))
                .and(ALERT_DELIVERY.STATE.eq(PENDING))
                .execute();
    }

    public void retryAt(long id, String outcome, Instant next) {
        db.update(ALERT_DELIVERY)
                .set(ALERT_DELIVERY.LAST_OUTCOME, outcome)
                .set(ALERT_DELIVERY.NEXT_ATTEMPT_AT, next.atOffset(ZoneOffset.UTC))
                .where(ALERT_DELIVERY.ID.eq(id))
                .and(ALERT_DELIVERY.STATE.eq(PENDING))
                .execute();
    }

    public void failed(long id, String outcome) {
        db.update(ALERT_DELIVERY)
                .set(ALERT_DELIVERY.STATE, FAILED)
                .set(ALERT_DELIVERY.LAST_OUTCOME, outcome)
                .where(ALERT_DELIVERY.ID.eq(id))
                .and(ALERT_DELIVERY.STATE.eq(PENDING))
                .execute();
    }
}
