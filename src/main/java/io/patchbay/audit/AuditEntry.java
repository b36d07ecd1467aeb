package io.patchbay.audit;

import java.time.Instant;
import java.util.Map;

/** One audited action. Secrets appear only as hints. */
public record AuditEntry(
        Instant occurredAt,
        String actor,
        String action,
        String objectType,
        String objectId,
        Map<String, String> details) {}
