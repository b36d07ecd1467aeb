package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.TenantId;

/** A run a worker has claimed and now executes under its lease. */
public record ClaimedRun(
        RunId id, TenantId tenantId, ConnectionId connectionId, RunTrigger trigger, String correlationId) {}
