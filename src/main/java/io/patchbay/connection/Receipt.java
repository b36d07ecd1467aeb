package io.patchbay.connection;

/**
 * The answer to pushed data: staged now, or recognised as a message the connection already has (a sender's retry,
 * a replay, the same file again), which is not applied twice.
 */
public record Receipt(boolean duplicate, InboundMessage message) {}
