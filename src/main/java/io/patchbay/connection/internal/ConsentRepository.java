package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.CONNECTION_CONSENT;

import io.patchbay.connection.ConnectionConsent;
import io.patchbay.connection.ConnectionId;
import io.patchbay.tenancy.CurrentTenant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who consented for each connection, and when; scoped to the tenant in {@link CurrentTenant}. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class ConsentRepository {

    private final DSLContext db;

    ConsentRepository(DSLContext db) {
        this.db = db;
    }

    /** Records a consent, replacing the connection's previous one. */
    public void save(ConnectionId id, @Nullable String account, String consentedBy) {
        var c = CONNECTION_CONSENT;
        var now = DSL.field("clock_timestamp()", OffsetDateTime.class);
        db.insertInto(c)
                .set(c.CONNECTION_ID, id.value())
                .set(c.TENANT_ID, CurrentTenant.require().value())
                .set(c.ACCOUNT, account)
                .set(c.CONSENTED_BY, consentedBy)
                .set(c.CONSENTED_AT, now)
                .onConflict(c.CONNECTION_ID)
                .doUpdate()
                .set(c.ACCOUNT, account)
                .set(c.CONSENTED_BY, consentedBy)
                .set(c.CONSENTED_AT, now)
                .where(c.TENANT_ID.eq(CurrentTenant.require().value()))
                .execute();
    }

    public Optional<ConnectionConsent> find(ConnectionId id) {
        var c = CONNECTION_CONSENT;
        return db.selectFrom(c)
                .where(c.TENANT_ID.eq(CurrentTenant.require().value()), c.CONNECTION_ID.eq(id.value()))
                .fetchOptional(r -> new ConnectionConsent(
                        r.getAccount(), r.getConsentedBy(), r.getConsentedAt().toInstant()));
    }
}
