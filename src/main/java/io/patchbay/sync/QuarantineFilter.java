package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which quarantined records: of one connection or the whole tenant, narrowed by stream, reason, field (a JSON
 * pointer) and when they were last seen. Null means any.
 */
public record QuarantineFilter(
        @Nullable ConnectionId connection,
        @Nullable String stream,
        @Nullable String reason,
        @Nullable String field,
        @Nullable Instant since) {

    public static QuarantineFilter of(ConnectionId connection) {
        return new QuarantineFilter(connection, null, null, null, null);
    }

    public static QuarantineFilter tenant() {
        return new QuarantineFilter(null, null, null, null, null);
    }

    public QuarantineFilter withReason(@Nullable String newReason) {
        return new QuarantineFilter(connection, stream, newReason, field, since);
    }
}
