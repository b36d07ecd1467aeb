package io.patchbay.tenancy;

import java.util.Optional;
import java.util.Set;

/**
 * A signed-in principal that acts for exactly one tenant at a time. Login mechanisms produce principals of this type.
 * Customers act for the tenant they belong to; staff choose the tenant they work in ({@link StaffAccess}).
 */
public interface TenantMember {

    /** The tenant the user acts for now. */
    TenantId tenantId();

    /** The tenant the user's account belongs to: for staff working in a customer's tenant, not that one. */
    default TenantId homeTenantId() {
        return tenantId();
    }

    /** Staff of the company running Patchbay (support agents, solutions engineers), who may work in any tenant. */
    default boolean staff() {
        return roles().contains(Role.SUPPORT_AGENT) || roles().contains(Role.SOLUTIONS_ENGINEER);
    }

    /** Why a member of staff works in this customer's tenant, as they said on choosing it; empty at home. */
    default Optional<String> visitReason() {
        return Optional.empty();
    }

    /** The name audit entries and runs record as the actor. */
    String username();

    String displayName();

    Set<Role> roles();

    /** Customer admins and solutions engineers set connections up and change them; support agents operate them. */
    default boolean setsUpConnections() {
        return roles().contains(Role.CUSTOMER_ADMIN) || roles().contains(Role.SOLUTIONS_ENGINEER);
    }
}
