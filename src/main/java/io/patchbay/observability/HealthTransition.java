package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change of a connection's health, with what caused it (a run, by its correlation id, or a person's action).
 *
 * @param from the health before; null for the first evaluation of a connection
 */
public record HealthTransition(
        ConnectionId connectionId,
        Instant at,
        @Nullable HealthStatus from,
        HealthStatus to,
        String reason,
        String cause,
        @Nullable String correlationId) {}
