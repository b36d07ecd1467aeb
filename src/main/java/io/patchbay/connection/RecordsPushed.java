package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/** A message with records was staged for a connection; published inside the staging transaction. */
public record RecordsPushed(TenantId tenantId, ConnectionId connectionId, String messageId, int records) {}
