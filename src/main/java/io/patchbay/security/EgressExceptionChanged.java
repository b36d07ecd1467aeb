package io.patchbay.security;

import io.patchbay.tenancy.TenantId;
import java.util.Map;

/**
 * A network exception was requested, approved, denied or revoked.
 *
 * @param action {@code egress_exception.requested}, {@code .approved}, {@code .denied} or {@code .revoked}
 * @param details what the audit trail keeps: reason, expiry, note
 */
public record EgressExceptionChanged(
        TenantId tenantId, String host, String action, Map<String, String> details, String actor) {}
