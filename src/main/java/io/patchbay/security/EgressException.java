package io.patchbay.security;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's request to reach a host the egress rules close (one on its own network), why, and what a solutions
 * engineer decided: it opens the host only while approved and not expired.
 */
public record EgressException(
        UUID id,
        String host,
        String reason,
        Status status,
        String requestedBy,
        Instant requestedAt,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        @Nullable Instant expiresAt) {

    public enum Status {
        PENDING("Waiting for approval"),
        APPROVED("Open"),
        DENIED("Denied"),
        REVOKED("Revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether it opens the host at {@code now}: approved and not yet expired. */
    public boolean opens(Instant now) {
        return status == Status.APPROVED && expiresAt != null && now.isBefore(expiresAt);
    }

    public boolean expired(Instant now) {
        return status == Status.APPROVED && expiresAt != null && !now.isBefore(expiresAt);
    }
}
