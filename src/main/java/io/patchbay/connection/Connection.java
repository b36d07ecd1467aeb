package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's configured instance of a connector. Secrets never leave the connection module; only their hints
 * ({@code ••••} and the last four characters) do.
 *
 * @param mapping the connection's own mapping (JSLT), edited in the mapping editor; null when it uses its template's
 * @param pauseOnAnomaly whether it is paused automatically when its volume or failure rate leaves its baseline
 */
public record Connection(
        ConnectionId id,
        TenantId tenantId,
        String name,
        String templateId,
        int templateVersion,
        String connector,
        ConnectionState state,
        SetupStep setupStep,
        JsonNode settings,
        Map<String, String> secretHints,
        @Nullable String stream,
        @Nullable String mapping,
        int scheduleMinutes,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant activatedAt,
        @Nullable Instant pausedAt,
        int version,
        boolean pauseOnAnomaly) {

    public Connection {
        settings = settings.deepCopy();
        secretHints = Map.copyOf(secretHints);
    }

    public boolean isDraft() {
        return state == ConnectionState.DRAFT;
    }

    /** The mapping it uses: its own, or else its template's (null: fields copied as they are). */
    public @Nullable String mappingOr(Template template) {
        return mapping != null ? mapping : template.mapping();
    }

    /** A non-secret setting as text, or empty. */
    public String setting(String key) {
        return settings.path(key).asString("");
    }
}
