package io.patchbay.support;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantMember;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs service calls as a signed-in user of a tenant, the way a request from the browser would. */
public final class Actors {

    private Actors() {}

    public record TestMember(TenantId tenantId, String username, String displayName, Set<Role> roles)
            implements TenantMember {}

    public static <T> T as(TenantId tenant, Role role, Supplier<T> work) {
        var member = new TestMember(tenant, "test-" + role.name().toLowerCase(), "Test " + role.label(), Set.of(role));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken(member, null, role.authority()));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    public static void as(TenantId tenant, Role role, Runnable work) {
        as(tenant, role, () -> {
            work.run();
            return null;
        });
    }
}
