package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.tenancy.CurrentTenant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
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

    /**
     * Reads every page from {@code checkpoint}, the next one in the background while {@code take} handles the last
     * (the source and the database work at the same time). {@code take} answers false when the run's lease was lost:
     * nothing of that page was kept.
     *
     * @throws RunExecutor.LeaseLostException when {@code take} says the lease was lost
     * @throws ConnectorException when the source refuses, or transient when the node stops between two pages (the run
     *     is resumed elsewhere)
     */
    void readAll(@Nullable JsonNode checkpoint, Predicate<ReadPage> take) {
        ReadPage page = read(checkpoint);
        while (true) {
            CompletableFuture<ReadPage> next =
                    page.hasMore() && !context.cancelled() ? readInBackground(page.checkpoint()) : null;
            if (!take.test(page)) {
                abandon(next);
                throw new RunExecutor.LeaseLostException();
            }
            if (!page.hasMore()) {
                return;
            }
            if (next == null || context.cancelled()) {
                abandon(next);
                throw new ConnectorException(
                        ErrorClass.TRANSIENT,
                        "Patchbay is restarting.",
                        "Nothing to do: the run resumes from its checkpoint.");
            }
            page = await(next);
        }
    }

    private ReadPage read(@Nullable JsonNode checkpoint) {
        return connection.connector().read(connection.config(), stream, checkpoint, context);
    }

    private CompletableFuture<ReadPage> readInBackground(JsonNode checkpoint) {
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
    private ReadPage await(CompletableFuture<ReadPage> next) {
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
    private void abandon(@Nullable CompletableFuture<ReadPage> next) {
        if (next != null) {
            next.cancel(false);
        }
    }
}
