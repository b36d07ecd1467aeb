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

    /**
     * Records pushed to the connection being read (webhook deliveries, uploaded files) after {@code position}, in
     * the order they were received, at most {@code limit}. Empty for connections whose connector pulls.
     */
    default List<PushedRecord> pushed(long position, int limit) {
        return List.of();
    }
}
