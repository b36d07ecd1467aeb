package io.patchbay.connection;

import java.util.Optional;
import java.util.UUID;

/** Identifies a connection. */
public record ConnectionId(UUID value) {

    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID());
    }

    /** Parses an id from a URL; anything malformed is simply not found. */
    public static Optional<ConnectionId> parse(String text) {
        try {
            return Optional.of(new ConnectionId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
