package io.patchbay.support;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Tenants of their own for test classes, each with an admin who signs in with {@link #PASSWORD}. */
public final class TenantFixtures {

    public static final String PASSWORD = "correct horse battery staple";

    private TenantFixtures() {}

    /** A new tenant with one customer admin named {@code <slug>-admin}. */
    public static Tenant tenantWithAdmin(TenantService tenants, PasswordEncoder encoder, String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        Tenant tenant = tenants.createTenant(slug, name, false);
        tenants.createUser(
                tenant.id(), slug + "-admin", name + " Admin", encoder.encode(PASSWORD), Set.of(Role.CUSTOMER_ADMIN));
        return tenant;
    }

    /** A user of the tenant with one role, named {@code <slug>-<role>}; returns the login name. */
    public static String userWithRole(TenantService tenants, PasswordEncoder encoder, Tenant tenant, Role role) {
        String username = tenant.slug() + "-" + role.name().toLowerCase().replace('_', '-');
        tenants.createUser(
                tenant.id(), username, tenant.name() + " " + role.label(), encoder.encode(PASSWORD), Set.of(role));
        return username;
    }

    public static String adminOf(Tenant tenant) {
        return tenant.slug() + "-admin";
    }
}
