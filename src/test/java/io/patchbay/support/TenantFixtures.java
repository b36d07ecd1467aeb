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

    /** Adds a solutions engineer to the tenant; returns the user name, who signs in with {@link #PASSWORD}. */
    public static String engineerOf(TenantService tenants, PasswordEncoder encoder, Tenant tenant) {
        String username = tenant.slug() + "-engineer";
        tenants.createUser(
                tenant.id(),
                username,
                "Engineer of " + tenant.name(),
                encoder.encode(PASSWORD),
                Set.of(Role.SOLUTIONS_ENGINEER));
        return username;
    }

    public static String adminOf(Tenant tenant) {
        return tenant.slug() + "-admin";
    }
}
