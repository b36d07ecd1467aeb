package io.patchbay.catalog;

import io.patchbay.tenancy.TenantId;
import java.util.Set;

/**
 * Which tenants a built template is offered to: every tenant, or the ones its engineer chose (a template made for one
 * customer stays that customer's). Shipped templates are offered to every tenant.
 *
 * @param tenants the chosen tenants; empty when {@code everyone}
 */
public record TemplateAudience(boolean everyone, Set<TenantId> tenants) {

    public static final TemplateAudience EVERYONE = new TemplateAudience(true, Set.of());

    public TemplateAudience {
        tenants = everyone ? Set.of() : Set.copyOf(tenants);
    }

    public static TemplateAudience only(Set<TenantId> tenants) {
        return new TemplateAudience(false, tenants);
    }

    public boolean includes(TenantId tenant) {
        return everyone || tenants.contains(tenant);
    }
}
