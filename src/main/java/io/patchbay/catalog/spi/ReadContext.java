package io.patchbay.catalog.spi;

import java.time.Duration;
import java.util.List;

/**
 * What the runtime offers a reading connector: cancellation, a correlation id, a place to report throttling, and
 * the records pushed to the connection.
 */
public interface ReadContext {

    /** Sent to the external system (e.g. as {@code X-Correlation-Id}) and shown on the run. */
    String correlationId();

    /** True once the run should stop; a connector checks it between requests and returns promptly. */
    boolean cancelled();

    /** Called each time the external system made us wait (429 with {@code Retry-After}). */
    void throttled(Duration waited);

    /** Called for each request made to the external system, retries included: the run's log keeps them. */
    default void requested(HttpCall call) {}

    /**
     * Records pushed to the connection being read (webhook deliveries, uploaded files) after {@code after}, in the
     * order the runtime reads them, at most {@code limit}. A record that commits later is always placed after every
     * record returned here, so a reader that checkpoints the last place it read never skips one. Empty for
     * connections whose connector pulls.
     */
    default List<PushedRecord> pushed(PushedRecord.Position after, int limit) {
        return List.of();
    }
}
