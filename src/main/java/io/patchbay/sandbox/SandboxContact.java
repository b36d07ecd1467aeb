package io.patchbay.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A contact in the Sandbox CRM. */
public record SandboxContact(
        long id,
        String firstName,
        String lastName,
        String email,
        @Nullable String company,
        @Nullable String phone,
        Instant createdAt,
        Instant updatedAt) {}
