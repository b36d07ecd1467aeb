package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's configured instance of a connector. The secret itself never leaves the connection module; only its
 * hint ({@code ••••} and the last four characters) does.
 */
public record Connection(
        ConnectionId id,
        TenantId tenantId,
        String name,
        String templateId,
        String connector,
        ConnectionState state,
        SetupStep setupStep,
        String baseUrl,
        @Nullable String secretHint,
        int scheduleMinutes,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant activatedAt,
        @Nullable Instant pausedAt,
        int version) {

    public boolean isDraft() {
        return state == ConnectionState.DRAFT;
    }
}
