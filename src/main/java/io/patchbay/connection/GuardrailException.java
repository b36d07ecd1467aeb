package io.patchbay.connection;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An exception to one of a template's guardrails for one connection: asked for with a justification, approved by a
 * solutions engineer until a date (then it waives the rule) or denied.
 */
public record GuardrailException(
        UUID id,
        ConnectionId connectionId,
        String connectionName,
        String rule,
        String ruleText,
        String justification,
        Status status,
        String requestedBy,
        Instant requestedAt,
        @Nullable String decidedBy,
        @Nullable String decisionNote,
        @Nullable Instant expiresAt) {

    public enum Status {
        REQUESTED("Requested"),
        APPROVED("Approved"),
        DENIED("Denied");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Approved, and not yet expired at {@code now}. */
    public boolean waives(Instant now) {
        return status == Status.APPROVED && expiresAt != null && expiresAt.isAfter(now);
    }

    /** Approved once, and past its date at {@code now}. */
    public boolean expired(Instant now) {
        return status == Status.APPROVED && expiresAt != null && !expiresAt.isAfter(now);
    }

    /** What the Exceptions page shows in its status column. */
    public String statusText(Instant now) {
        return expired(now) ? "Expired" : status.label();
    }
}
