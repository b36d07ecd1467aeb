package io.patchbay.sync;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of a run's log: a request its connector made, or a page it committed.
 *
 * @param summary the line as a person reads it ("GET https://… → 200 in 120 ms, 5.2 kB")
 * @param status a request's HTTP status (0: no answer); null for a page
 */
public record RunEvent(
        Instant at, Kind kind, String summary, @Nullable Integer status) {

    public enum Kind {
        REQUEST,
        PAGE
    }

    /** A request that got no answer or an error status. */
    public boolean failed() {
        return kind == Kind.REQUEST && status != null && (status == 0 || status >= 400);
    }
}
