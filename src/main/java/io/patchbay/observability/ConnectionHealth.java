package io.patchbay.observability;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionState;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A connection's stored health, as lists and its page show it: evaluated when something happened to the connection,
 * with what the lists show of it (name, connector, schedule, newest run) so that a page of them is one query.
 *
 * @param since when the connection came to this health
 * @param errorClass the class of the newest run's error, when it failed
 * @param scheduleMinutes how often it syncs; {@code pushed} connections sync when data arrives instead
 */
public record ConnectionHealth(
        ConnectionId connectionId,
        TenantId tenantId,
        String name,
        String connector,
        ConnectionState state,
        int scheduleMinutes,
        boolean pushed,
        Health health,
        @Nullable ErrorClass errorClass,
        @Nullable LastRun lastRun,
        Instant since,
        Instant evaluatedAt) {

    /** The connection's newest run when its health was evaluated. */
    public record LastRun(RunId id, RunStatus status, Instant at) {}

    /** Where a keyset page of a list ends: the next page starts after it. */
    public HealthCursor cursor() {
        return new HealthCursor(health.status(), name, connectionId);
    }
}
