package io.patchbay.sync;

import java.time.Instant;
import java.util.UUID;

/** A position in a connection's timeline (newest first): the last run of the previous page. */
public record RunCursor(Instant queuedAt, UUID id) {

    public static RunCursor after(Run run) {
        return new RunCursor(run.queuedAt(), run.id().value());
    }
}
