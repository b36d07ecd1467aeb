package io.patchbay.observability.internal;

import static io.patchbay.db.Tables.NOTICE;

import io.patchbay.connection.ConnectionId;
import io.patchbay.db.tables.records.NoticeRecord;
import io.patchbay.observability.Notice;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's notices: appended, listed newest first, marked read. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class NoticeRepository {

    private final DSLContext db;

    NoticeRepository(DSLContext db) {
        this.db = db;
    }

    public long append(
            @Nullable ConnectionId connection,
            Notice.Kind kind,
            String title,
            String body,
            String createdBy,
            @Nullable String correlationId) {
        return db.insertInto(NOTICE)
                .set(NOTICE.TENANT_ID, CurrentTenant.require().value())
                .set(NOTICE.CONNECTION_ID, connection == null ? null : connection.value())
                .set(NOTICE.KIND, kind.name().toLowerCase(Locale.ROOT))
                .set(NOTICE.TITLE, title)
                .set(NOTICE.BODY, body)
                .set(NOTICE.CREATED_BY, createdBy)
                .set(NOTICE.CORRELATION_ID, correlationId)
                .returning(NOTICE.ID)
                .fetchSingle(NOTICE.ID);
    }

    public List<Notice> newest(int limit) {
        return db.selectFrom(NOTICE)
                .where(NOTICE.TENANT_ID.eq(CurrentTenant.require().value()))
                .orderBy(NOTICE.CREATED_AT.desc(), NOTICE.ID.desc())
                .limit(limit)
                .fetch(NoticeRepository::toNotice);
    }

    /** The tenant's notices about the work with this correlation id, newest first. */
    public List<Notice> withCorrelation(String correlationId, int limit) {
        return db.selectFrom(NOTICE)
                .where(NOTICE.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(NOTICE.CORRELATION_ID.eq(correlationId))
                .orderBy(NOTICE.CREATED_AT.desc(), NOTICE.ID.desc())
                .limit(limit)
                .fetch(NoticeRepository::toNotice);
    }

    static Notice toNotice(NoticeRecord r) {
        return new Notice(
                r.getId(),
                r.getConnectionId() == null ? null : new ConnectionId(r.getConnectionId()),
                Notice.Kind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                r.getTitle(),
                r.getBody(),
                r.getCreatedBy(),
                r.getCreatedAt().toInstant(),
                r.getReadAt() == null ? null : r.getReadAt().toInstant(),
                r.getCorrelationId());
    }

    public int unread() {
        return db.fetchCount(
                NOTICE, NOTICE.TENANT_ID.eq(CurrentTenant.require().value()).and(NOTICE.READ_AT.isNull()));
    }

    public void markAllRead() {
        db.update(NOTICE)
                .set(NOTICE.READ_AT, DSL.currentOffsetDateTime())
                .where(NOTICE.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(NOTICE.READ_AT.isNull())
                .execute();
    }
}
