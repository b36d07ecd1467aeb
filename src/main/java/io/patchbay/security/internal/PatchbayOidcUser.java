package io.patchbay.security.internal;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantMember;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A user signed in through the configured OIDC provider; tenant and roles come from its claims. */
class PatchbayOidcUser extends DefaultOidcUser implements TenantMember {

    private final TenantId tenantId;
    private final String username;
    private final Set<Role> roles;

    PatchbayOidcUser(OidcUser user, TenantId tenantId, String username, Set<Role> roles) {
        super(PatchbayUser.authorities(roles), user.getIdToken(), user.getUserInfo());
        this.tenantId = tenantId;
        this.username = username;
        this.roles = Set.copyOf(roles);
    }

    @Override
    public TenantId tenantId() {
        return tenantId;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String displayName() {
        String name = getFullName();
        return name != null ? name : username;
    }

    @Override
    public Set<Role> roles() {
        return roles;
    }

    @Override
    public String getName() {
        return username;
    }
}
