package io.patchbay.tenancy;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user who signs in with a password; users who only sign in through SSO have no password hash. */
public record UserAccount(
        UUID id,
        TenantId tenantId,
        String username,
        String displayName,
        @Nullable String passwordHash,
        Set<Role> roles) {}
