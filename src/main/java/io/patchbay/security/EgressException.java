package io.patchbay.security;

import java.time.Instant;
import java.util.UUID;

/** A host one tenant may reach although the egress rules close it, and why. */
public record EgressException(UUID id, String host, String reason, String createdBy, Instant createdAt) {}
