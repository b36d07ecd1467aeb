package io.patchbay.connection;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A message pushed to a connection (a webhook delivery, an uploaded file) as Patchbay staged it. */
public record InboundMessage(
        String messageId,
        Kind kind,
        String summary,
        List<String> problems,
        int recordCount,
        String receivedBy,
        Instant receivedAt,
        @org.jspecify.annotations.Nullable String correlationId) {

    public enum Kind {
        WEBHOOK,
        UPLOAD;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
