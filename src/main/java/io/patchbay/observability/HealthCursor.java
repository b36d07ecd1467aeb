package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;

/** A position in a list of connections by health, worst first, then by name: the row the next page starts after. */
public record HealthCursor(HealthStatus status, String name, ConnectionId connectionId) {}
