package io.patchbay.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Where the sandbox billing system pushes invoice webhooks, the secret it signs them with, and how that went. */
public record SandboxWebhookEndpoint(
        long id,
        String url,
        String secret,
        int delivered,
        int failed,
        @Nullable Instant lastAttemptAt,
        @Nullable String lastOutcome) {}
