package io.patchbay.security.internal;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantMember;
import io.patchbay.tenancy.UserAccount;
import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user signed in with the login form. */
record PatchbayUser(TenantId tenantId, String username, String displayName, String password, Set<Role> roles)
        implements UserDetails, TenantMember, Serializable {

    static PatchbayUser of(UserAccount account) {
        return new PatchbayUser(
                account.tenantId(),
                account.username(),
                account.displayName(),
                account.passwordHash() == null ? "" : account.passwordHash(),
                account.roles());
    }

    static Set<GrantedAuthority> authorities(Set<Role> roles) {
        return roles.stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities(roles);
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String toString() {
        // keeps the password hash out of logs
        return "PatchbayUser[" + username + " @ " + tenantId + "]";
    }
}
