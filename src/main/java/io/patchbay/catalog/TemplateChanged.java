package io.patchbay.catalog;

import io.patchbay.tenancy.TenantId;
import java.util.Map;

/**
 * A built template was created, its draft saved or a version published. Audited in the operator's tenant, where the
 * solutions engineer who did it belongs: templates are the operator's (ADR 12).
 */
public record TemplateChanged(
        TenantId tenantId, String actor, String action, String templateId, Map<String, String> details) {

    public TemplateChanged {
        details = Map.copyOf(details);
    }
}
