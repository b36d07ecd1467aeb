package io.patchbay.catalog.spi;

import java.time.Duration;

/** What the runtime offers a reading connector: cancellation, a correlation id, and a place to report throttling. */
public interface ReadContext {

    /** Sent to the external system (e.g. as {@code X-Correlation-Id}) and shown on the run. */
    String correlationId();

    /** True once the run should stop; a connector checks it between requests and returns promptly. */
    boolean cancelled();

    /** Called each time the external system made us wait (429 with {@code Retry-After}). */
    void throttled(Duration waited);
}
