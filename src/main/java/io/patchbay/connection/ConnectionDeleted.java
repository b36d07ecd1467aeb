package io.patchbay.connection;

import io.patchbay.tenancy.TenantId;

/**
 * A connection is being deleted, in the transaction that deletes it: listeners remove what they keep for it
 * (schedules; its records in the core store when {@code removeRecords}) before its row goes.
 *
 * @param draft whether it was a setup never activated (discarded)
 */
public record ConnectionDeleted(
        TenantId tenantId,
        ConnectionId connectionId,
        String name,
        boolean draft,
        boolean removeRecords,
        String actor) {}
