package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import io.patchbay.tenancy.TenantId;

/** A run ended, however it ended. */
public record RunFinished(TenantId tenantId, ConnectionId connectionId, RunId runId, RunStatus status) {}
