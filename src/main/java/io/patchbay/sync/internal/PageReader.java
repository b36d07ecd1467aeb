package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.tenancy.CurrentTenant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * Reads a run's pages, the next one on a thread of its own while the caller writes the last: in the run's tenant
 * and with its correlation id, as the run's own thread would.
 */
final class PageReader {
    private final Executor readers;
    private final ClaimedRun run;
    private final ResolvedConnection connection;
    private final String stream;
    private final ReadContext context;

    PageReader(Executor readers, ClaimedRun run, ResolvedConnection connection, String stream, ReadContext context) {
        this.readers = readers;
        this.run = run;
        this.connection = connection;
        this.stream = stream;
        this.context = context;
    }

    ReadPage read(@Nullable JsonNode checkpoint) {
        return connection.connector().read(connection.config(), stream, checkpoint, context);
    }

    CompletableFuture<ReadPage> readInBackground(JsonNode checkpoint) {
        return CompletableFuture.supplyAsync(
                () -> CurrentTenant.callAs(run.tenantId(), () -> {
                    MDC.put("correlationId", run.correlationId());
                    try {
                        return read(checkpoint);
                    } finally {
                        MDC.remove("correlationId");
                    }
                }),
                readers);
    }

    /** The page read in the background, or what stopped it, as if it had been read on this thread. */
    ReadPage await(CompletableFuture<ReadPage> next) {
        try {
            return next.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A page read ahead that will not be written: it is read again from the checkpoint next time. */
    void abandon(@Nullable CompletableFuture<ReadPage> next) {
        if (next != null) {
            next.cancel(false);
        }
    }
}
