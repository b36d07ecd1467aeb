package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/** A connection finished setup and runs on its schedule from now on. */
public record ConnectionActivated(TenantId tenantId, ConnectionId connectionId, int scheduleMinutes, String actor) {}
