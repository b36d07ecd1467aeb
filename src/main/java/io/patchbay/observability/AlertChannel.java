package io.patchbay.observability;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a tenant's notices go beyond the hub, and how that is going.
 *
 * @param target the email address, or the webhook URL
 * @param lastSentAt when the newest notice reached it; null when none has yet
 * @param failing why its newest delivery has not gone through (retrying or given up); null when it is fine
 * @param waiting notices still to be delivered to it
 */
public record AlertChannel(
        UUID id,
        Kind kind,
        String target,
        boolean enabled,
        String createdBy,
        Instant createdAt,
        @Nullable Instant lastSentAt,
        @Nullable String failing,
        int waiting) {

    /**
     * The target as people see it: an email address whole; a webhook URL as its origin and the last characters of
     * its path, since chat and paging tools put the credential in the path.
     */
    public String shown() {
        return shown(kind, target);
    }

    public static String shown(Kind kind, String target) {
        if (kind == Kind.EMAIL) {
            return target;
        }
        try {
            var url = java.net.URI.create(target);
            String rest = target.substring(target.indexOf(url.getRawAuthority())
                    + url.getRawAuthority().length());
            return url.getScheme() + "://" + url.getRawAuthority()
                    + (rest.length() <= 1 ? rest : "/…" + rest.substring(Math.max(1, rest.length() - 4)));
        } catch (RuntimeException e) {
            return "(a URL)";
        }
    }

    public enum Kind {
        EMAIL("Email"),
        WEBHOOK("Webhook");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
