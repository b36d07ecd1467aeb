package io.patchbay.tenancy.internal;

import static io.patchbay.db.Tables.APP_USER;
import static io.patchbay.db.Tables.TENANT;

import io.patchbay.db.tables.records.AppUserRecord;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.UserAccount;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tenants and users in PostgreSQL. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class TenantRepository {

    private final DSLContext db;

    TenantRepository(DSLContext db) {
        this.db = db;
    }

    public Tenant insertTenant(Tenant tenant) {
        db.insertInto(TENANT)
                .set(TENANT.ID, tenant.id().value())
                .set(TENANT.SLUG, tenant.slug())
                .set(TENANT.NAME, tenant.name())
                .set(TENANT.SANDBOX, tenant.sandbox())
                .set(TENANT.OPERATOR, tenant.operator())
                .execute();
        return tenant;
    }

    public Optional<Tenant> findTenantBySlug(String slug) {
        return db.selectFrom(TENANT).where(TENANT.SLUG.eq(slug)).fetchOptional(this::toTenant);
    }

    /** Every customer tenant, by name: for staff choosing where to work, never for a customer. */
    public List<Tenant> customerTenants() {
        return db.selectFrom(TENANT)
                .where(TENANT.OPERATOR.isFalse())
                .orderBy(TENANT.NAME, TENANT.ID)
                .fetch(this::toTenant);
    }

    public Optional<Tenant> findTenant(TenantId id) {
        return db.selectFrom(TENANT).where(TENANT.ID.eq(id.value())).fetchOptional(this::toTenant);
    }

    public UserAccount insertUser(UserAccount user) {
        db.insertInto(APP_USER)
                .set(APP_USER.ID, user.id())
                .set(APP_USER.TENANT_ID, user.tenantId().value())
                .set(APP_USER.USERNAME, user.username())
                .set(APP_USER.DISPLAY_NAME, user.displayName())
                .set(APP_USER.PASSWORD_HASH, user.passwordHash())
                .set(
                        APP_USER.ROLES,
                        user.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .execute();
        return user;
    }

    public Optional<UserAccount> findUser(String username) {
        return db.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional(this::toUser);
    }

    private Tenant toTenant(io.patchbay.db.tables.records.TenantRecord r) {
        return new Tenant(new TenantId(r.getId()), r.getSlug(), r.getName(), r.getSandbox(), r.getOperator());
    }

    private UserAccount toUser(AppUserRecord r) {
        return new UserAccount(
                r.getId(),
                new TenantId(r.getTenantId()),
                r.getUsername(),
                r.getDisplayName(),
                r.getPasswordHash(),
                Arrays.stream(r.getRoles()).map(Role::valueOf).collect(Collectors.toUnmodifiableSet()));
    }
}
