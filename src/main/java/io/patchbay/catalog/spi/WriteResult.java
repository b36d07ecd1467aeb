package io.patchbay.catalog.spi;

import java.util.List;

/**
 * What a write did: how many records the destination created or changed (records it already had count as 0), and
 * the records it refused, each with the system's own words. A refused record does not fail the batch.
 */
public record WriteResult(int written, List<Refusal> refused) {

    public WriteResult {
        refused = List.copyOf(refused);
    }

    public WriteResult(int written) {
        this(written, List.of());
    }

    /**
     * One record the destination refused (HTTP 400, 409 or 422, a constraint of its own).
     *
     * @param index the record's position in the batch written
     * @param message what the system said, with its status
     */
    public record Refusal(int index, String message) {}
}
