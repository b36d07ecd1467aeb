package io.patchbay.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the sandbox billing system pushes invoice webhooks, and how that went. The secret it signs them with is not
 * part of it: only those who set connections up may read it ({@link SandboxBilling#webhookSecret}).
 */
public record SandboxWebhookEndpoint(
        long id,
        String url,
        int delivered,
        int failed,
        @Nullable Instant lastAttemptAt,
        @Nullable String lastOutcome) {}
