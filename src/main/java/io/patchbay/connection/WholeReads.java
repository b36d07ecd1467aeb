package io.patchbay.connection;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Validate everything, as the run queue does it: a run that reads every record the source gives through the mapping
 * and the checks, writing nothing, and keeps its report ({@link ConnectionValidation#keepWholeRead}) when it ends.
 */
public interface WholeReads {

    /** Queues the read of the connection (or returns the one already waiting or running). */
    WholeRead start(ConnectionId connection);

    /** The connection's newest such read, if it had one. */
    Optional<WholeRead> newest(ConnectionId connection);

    /**
     * One read of everything.
     *
     * @param finishedAt null while it waits or reads
     * @param failure why the source could not be read to the end, with the fix; null unless it failed
     */
    record WholeRead(
            String correlationId,
            int read,
            @Nullable Instant finishedAt,
            @Nullable String failure) {

        public boolean finished() {
            return finishedAt != null;
        }
    }
}
