package io.patchbay.sync;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One execution of a connection's sync, as the timeline shows it. */
public record Run(
        RunId id,
        ConnectionId connectionId,
        RunTrigger trigger,
        RunStatus status,
        String correlationId,
        Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int recordsRead,
        int recordsWritten,
        int recordsQuarantined,
        int throttledCount,
        long throttledMillis,
        @Nullable ErrorClass errorClass,
        @Nullable String errorMessage,
        @Nullable String errorFix) {

    /** How long it ran; null until it started. A running run counts up to now. */
    public @Nullable Duration duration() {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt != null ? finishedAt : Instant.now());
    }

    public boolean throttled() {
        return throttledCount > 0;
    }
}
