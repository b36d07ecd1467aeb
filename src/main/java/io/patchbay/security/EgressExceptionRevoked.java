package io.patchbay.security;

import io.patchbay.tenancy.TenantId;

/** A tenant's exception to the egress rules was taken back. */
public record EgressExceptionRevoked(TenantId tenantId, String host, String actor) {}
