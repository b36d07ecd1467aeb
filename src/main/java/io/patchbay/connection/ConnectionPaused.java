package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/** A connection was paused: nothing runs on its schedule until it is resumed. */
public record ConnectionPaused(TenantId tenantId, ConnectionId connectionId, String actor) {}
