package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/**
 * A connection finished setup. A polled one runs on its schedule from now on; a {@code pushed} one (webhooks,
 * uploads) has no schedule and runs when data arrives.
 */
public record ConnectionActivated(
        TenantId tenantId, ConnectionId connectionId, int scheduleMinutes, boolean pushed, String actor) {}
