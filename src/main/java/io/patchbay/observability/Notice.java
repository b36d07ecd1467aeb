package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a tenant's admins are told in the hub: a connection that turned Degraded or Failing, its recovery, or the fix
 * support sent them.
 *
 * @param readAt when one of the tenant's admins first saw it; null while unread
 * @param correlationId the run's or request's that caused it, for support to follow; null where none
 */
public record Notice(
        long id,
        @Nullable ConnectionId connectionId,
        Kind kind,
        String title,
        String body,
        String createdBy,
        Instant createdAt,
        @Nullable Instant readAt,
        @Nullable String correlationId) {

    public enum Kind {
        ALERT("Alert"),
        RECOVERY("Recovered"),
        FIX("From support");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
