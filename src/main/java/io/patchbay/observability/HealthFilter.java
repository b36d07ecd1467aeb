package io.patchbay.observability;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Which connections a list shows: any of these left null means all. {@code tenant} applies where a list spans tenants
 * (the support console); a tenant's own list is always its own.
 *
 * @param text a part of the connection's name, any case
 */
public record HealthFilter(
        @Nullable TenantId tenant,
        @Nullable String connector,
        @Nullable HealthStatus status,
        @Nullable ErrorClass errorClass,
        @Nullable String text) {

    public static final HealthFilter ALL = new HealthFilter(null, null, null, null, null);
}
