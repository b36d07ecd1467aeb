package io.patchbay.tenancy;

import java.util.Set;

/** A signed-in principal that acts for exactly one tenant. Login mechanisms produce principals of this type. */
public interface TenantMember {

    TenantId tenantId();

    /** The name audit entries and runs record as the actor. */
    String username();

    String displayName();

    Set<Role> roles();

    /** Customer admins and solutions engineers set connections up and change them; support agents operate them. */
    default boolean setsUpConnections() {
        return roles().contains(Role.CUSTOMER_ADMIN) || roles().contains(Role.SOLUTIONS_ENGINEER);
    }
}
