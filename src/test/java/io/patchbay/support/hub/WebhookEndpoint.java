package io.patchbay.support.hub;

/** A signed-webhooks connection as a sender knows it: where messages go and the secret they are signed with. */
public record WebhookEndpoint(String connectionId, String secret) {}
