package io.patchbay.observability;

import io.patchbay.connection.Connection;
import io.patchbay.sync.Run;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A row of the integrations hub: the connection, its health, its newest run and when it runs next. */
public record ConnectionOverview(
        Connection connection, Health health, @Nullable Run lastRun, @Nullable Instant nextRun) {}
