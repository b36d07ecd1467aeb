package io.patchbay.schema;

import io.patchbay.tenancy.TenantId;
import java.util.Map;

/**
 * A schema version was registered or moved on in its life. Audited in the operator's tenant, where the solutions
 * engineer who did it belongs: the registry is the operator's, not a customer's.
 */
public record SchemaChanged(
        TenantId tenantId, String actor, String action, String subject, int version, Map<String, String> details) {

    public SchemaChanged {
        details = Map.copyOf(details);
    }
}
