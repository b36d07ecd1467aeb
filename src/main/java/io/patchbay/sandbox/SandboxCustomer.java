package io.patchbay.sandbox;

import java.time.Instant;

/** A customer in the sandbox billing system. */
public record SandboxCustomer(long id, String name, String email, Instant updatedAt) {}
