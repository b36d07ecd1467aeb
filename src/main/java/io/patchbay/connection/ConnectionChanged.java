package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;
import java.util.Map;

/**
 * A connection's setup changed; {@code changes} names each changed field with its new value and {@code <field>.before}
 * with the value it had (secrets as hints, never in clear).
 */
public record ConnectionChanged(
        TenantId tenantId, ConnectionId connectionId, String action, Map<String, String> changes, String actor) {}
