package io.patchbay.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audited action. Secrets appear only as hints.
 *
 * @param correlationId the request's or run's that made the change; null for entries older than correlation ids
 */
public record AuditEntry(
        Instant occurredAt,
        String actor,
        String action,
        String objectType,
        String objectId,
        Map<String, String> details,
        @org.jspecify.annotations.Nullable String correlationId) {}
