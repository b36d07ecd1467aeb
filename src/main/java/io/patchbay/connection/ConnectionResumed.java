package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/** A paused connection runs on its schedule again. */
public record ConnectionResumed(TenantId tenantId, ConnectionId connectionId, int scheduleMinutes, String actor) {}
