package io.patchbay.observability;

import io.patchbay.connection.Connection;
import io.patchbay.sync.Run;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the integrations hub: the connection, its health, its newest run and when it runs next ({@code pushed}
 * connections have no schedule: they run when data arrives).
 */
public record ConnectionOverview(
        Connection connection,
        Health health,
        @Nullable Run lastRun,
        @Nullable Instant nextRun,
        boolean pushed) {}
