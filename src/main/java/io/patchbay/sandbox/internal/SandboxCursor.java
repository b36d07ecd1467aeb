package io.patchbay.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a sandbox API ended: the last row's change time and id, handed to clients as an opaque cursor
 * (base64url of {@code updatedAt|id}).
 */
record SandboxCursor(Instant updatedAt, long id) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((updatedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one this API handed out */
    static SandboxCursor decode(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad cursor");
        }
        try {
            return new SandboxCursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("bad cursor", e);
        }
    }
}
