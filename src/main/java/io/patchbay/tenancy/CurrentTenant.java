package io.patchbay.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant the current code acts for: the signed-in user's tenant in a request, or the tenant a background job
 * explicitly runs for. Repositories scope every query with {@link #require()}, never with a tenant taken from a
 * request parameter.
 */
public final class CurrentTenant {

    private static final ThreadLocal<@Nullable TenantId> BACKGROUND = new ThreadLocal<>();

    private CurrentTenant() {}

    /** The tenant in scope, or an {@link IllegalStateException} where there is none: a bug, never a user error. */
    public static TenantId require() {
        return find().orElseThrow(() -> new IllegalStateException("No tenant in scope"));
    }

    public static Optional<TenantId> find() {
        TenantId background = BACKGROUND.get();
        if (background != null) {
            return Optional.of(background);
        }
        return member().map(TenantMember::tenantId);
    }

    /** The signed-in user, if the current thread serves one. */
    public static Optional<TenantMember> member() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantMember member) {
            return Optional.of(member);
        }
        return Optional.empty();
    }

    /** Whether the signed-in user sets connections up (and so sees the controls for it). */
    public static boolean setsUpConnections() {
        return member().map(TenantMember::setsUpConnections).orElse(false);
    }

    /**
     * The tenant the signed-in user belongs to, even while staff work in a customer's: where changes to what the
     * operator owns (templates, schemas) are audited.
     */
    public static TenantId home() {
        return member().map(TenantMember::homeTenantId).orElseGet(CurrentTenant::require);
    }

    /** Who acts: the signed-in user's name, or {@code system} for background work. */
    public static String actor() {
        return member().map(TenantMember::username).orElse("system");
    }

    /** Runs background work (a scheduled sync, a worker) for one tenant. */
    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        TenantId previous = BACKGROUND.get();
        BACKGROUND.set(tenant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BACKGROUND.remove();
            } else {
                BACKGROUND.set(previous);
            }
        }
    }

    public static void runAs(TenantId tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }
}
