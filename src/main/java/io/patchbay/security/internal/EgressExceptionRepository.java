package io.patchbay.security.internal;

import static io.patchbay.db.Tables.EGRESS_EXCEPTION;

import io.patchbay.security.EgressException;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The current tenant's egress exceptions. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class EgressExceptionRepository {

    private final org.jooq.DSLContext db;

    EgressExceptionRepository(org.jooq.DSLContext db) {
        this.db = db;
    }

    public List<EgressException> list() {
        return db.selectFrom(EGRESS_EXCEPTION)
                .where(EGRESS_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .orderBy(EGRESS_EXCEPTION.HOST)
                .fetch(r -> new EgressException(
                        r.getId(),
                        r.getHost(),
                        r.getReason(),
                        r.getCreatedBy(),
                        r.getCreatedAt().toInstant()));
    }

    public boolean exists(String host) {
        return CurrentTenant.find()
                .map(tenant -> db.fetchExists(
                        EGRESS_EXCEPTION,
                        EGRESS_EXCEPTION.TENANT_ID.eq(tenant.value()).and(EGRESS_EXCEPTION.HOST.eq(host))))
                .orElse(false);
    }

    public void insert(String host, String reason, String actor) {
        db.insertInto(EGRESS_EXCEPTION)
                .set(EGRESS_EXCEPTION.ID, UUID.randomUUID())
                .set(EGRESS_EXCEPTION.TENANT_ID, CurrentTenant.require().value())
                .set(EGRESS_EXCEPTION.HOST, host)
                .set(EGRESS_EXCEPTION.REASON, reason)
                .set(EGRESS_EXCEPTION.CREATED_BY, actor)
                .onConflictDoNothing()
                .execute();
    }

    public Optional<String> delete(UUID id) {
        return db.deleteFrom(EGRESS_EXCEPTION)
                .where(EGRESS_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()), EGRESS_EXCEPTION.ID.eq(id))
                .returning(EGRESS_EXCEPTION.HOST)
                .fetchOptional(EGRESS_EXCEPTION.HOST);
    }
}
