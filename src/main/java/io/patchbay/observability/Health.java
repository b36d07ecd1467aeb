package io.patchbay.observability;

import org.jspecify.annotations.Nullable;

/** A connection's health, always with the reason and, where something needs doing, the recommended fix. */
public record Health(
        HealthStatus status, String reason, @Nullable String fix) {}
