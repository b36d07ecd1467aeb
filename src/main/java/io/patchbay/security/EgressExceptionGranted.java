package io.patchbay.security;

import io.patchbay.tenancy.TenantId;

/** A tenant was allowed to reach a host the egress rules close. */
public record EgressExceptionGranted(TenantId tenantId, String host, String reason, String actor) {}
