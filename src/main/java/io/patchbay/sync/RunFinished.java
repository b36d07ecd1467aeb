package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import io.patchbay.tenancy.TenantId;

/** A run ended, however it ended; published in the transaction that records its end. */
public record RunFinished(
        TenantId tenantId, ConnectionId connectionId, RunId runId, String correlationId, RunStatus status) {}
