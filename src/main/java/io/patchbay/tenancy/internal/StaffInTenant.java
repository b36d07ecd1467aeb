package io.patchbay.tenancy.internal;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantMember;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/** A member of staff working in a customer's tenant, and why; everything else is the staff member's own. */
record StaffInTenant(TenantMember member, TenantId tenantId, String reason) implements TenantMember, Serializable {

    @Override
    public TenantId homeTenantId() {
        return member.homeTenantId();
    }

    @Override
    public Optional<String> visitReason() {
        return Optional.of(reason);
    }

    @Override
    public String username() {
        return member.username();
    }

    @Override
    public String displayName() {
        return member.displayName();
    }

    @Override
    public Set<Role> roles() {
        return member.roles();
    }
}
