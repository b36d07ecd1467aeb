package io.patchbay.sandbox;

import java.time.Instant;

/** An invoice in the sandbox billing system. */
public record SandboxInvoice(
        long id,
        long customerId,
        String number,
        long amountCents,
        String currency,
        String status,
        Instant issuedAt,
        Instant updatedAt) {}
