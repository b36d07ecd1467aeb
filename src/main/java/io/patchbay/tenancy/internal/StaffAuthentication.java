package io.patchbay.tenancy.internal;

import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantMember;
import java.io.Serial;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The sign-in of a member of staff, working in a tenant they chose: same person, same authorities, another tenant.
 * The original sign-in is kept, to go back to it.
 */
public final class StaffAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Authentication original;
    private final StaffInTenant principal;

    /** {@code staff}, signed in as {@code original}, working in {@code tenant} for {@code reason}. */
    public static StaffAuthentication workingIn(
            Authentication original, TenantMember staff, TenantId tenant, String reason) {
        return new StaffAuthentication(original, new StaffInTenant(staff, tenant, reason));
    }

    private StaffAuthentication(Authentication original, StaffInTenant principal) {
        super(original.getAuthorities());
        this.original = original;
        this.principal = principal;
        setAuthenticated(true);
    }

    public Authentication original() {
        return original;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.username();
    }
}
