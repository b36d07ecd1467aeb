package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/** A paused connection runs again: on its schedule, or for a {@code pushed} one, on what arrived meanwhile. */
public record ConnectionResumed(
        TenantId tenantId, ConnectionId connectionId, int scheduleMinutes, boolean pushed, String actor) {}
