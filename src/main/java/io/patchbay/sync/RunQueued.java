package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;

/** A run was queued: by a schedule, by Run now or by activation. */
public record RunQueued(ConnectionId connectionId, RunId runId) {}
