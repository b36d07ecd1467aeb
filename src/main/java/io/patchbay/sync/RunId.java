package io.patchbay.sync;

import java.util.UUID;

/** Identifies a run. */
public record RunId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
