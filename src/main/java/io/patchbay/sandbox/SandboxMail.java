package io.patchbay.sandbox;

import java.time.Instant;

/** A message the Sandbox Mailbox received for the organisation's address. */
public record SandboxMail(String messageId, String from, String to, String subject, String text, Instant receivedAt) {}
