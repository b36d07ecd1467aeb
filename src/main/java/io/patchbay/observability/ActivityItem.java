package io.patchbay.observability;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to a connection, as its page interleaves them: a run, a change of health, a change someone
 * made (from the audit trail), or data that arrived.
 *
 * @param correlationId what ties it to the rows it produced (a run's), where there is one
 * @param link where it opens in full (a run's page), where there is one
 * @param connection the connection's name, where a list holds several connections' items; null on its own page
 */
public record ActivityItem(
        Instant at,
        Kind kind,
        String title,
        String detail,
        @Nullable String correlationId,
        @Nullable String link,
        @Nullable String connection) {

    /** The same item, saying which connection it is about, opening {@code orElse} where it opens nothing of its own. */
    public ActivityItem about(String connectionName, String orElse) {
        return new ActivityItem(at, kind, title, detail, correlationId, link != null ? link : orElse, connectionName);
    }

    public enum Kind {
        RUN("Run"),
        HEALTH("Health"),
        CHANGE("Change"),
        DATA("Data arrived"),
        NOTICE("Notice");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
