package io.patchbay.sync.internal;

import io.patchbay.base.Plurals;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.ConnectionRuntime;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.sync.RunFinished;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Executes one claimed run: reads pages from the connector starting at the stream's checkpoint, passes each through the
 * {@link RecordPipeline}, and commits each page's records, checkpoint and counts in one transaction, reading the next page while
 * it writes the last. A crash loses at most the pages in flight, which the next attempt reads again from the
 * checkpoint; the upserts make that harmless.
 */
@Component
class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final ConnectionRuntime runtime;
    private final InboundService inbound;
    private final RunRepository runs;
    private final CheckpointRepository checkpoints;
    private final RecordPipeline pipeline;
    private final Reprocessor reprocessor;
    private final DestinationWriter destinations;
    private final EverythingRead everythingRead;
    private final RunLogRepository runLog;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    /** Where pages are read ahead: a virtual thread each, as a read spends its time waiting on the source. */
    private final Executor readers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sync-read-", 0).factory());

    RunExecutor(
            ConnectionRuntime runtime,
            InboundService inbound,
            RunRepository runs,
            CheckpointRepository checkpoints,
            RecordPipeline pipeline,
            Reprocessor reprocessor,
            DestinationWriter destinations,
            EverythingRead everythingRead,
            RunLogRepository runLog,
            TransactionTemplate tx,
            ObjectMapper json,
            ApplicationEventPublisher events) {
        this.runtime = runtime;
        this.inbound = inbound;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.pipeline = pipeline;
        this.reprocessor = reprocessor;
        this.destinations = destinations;
        this.everythingRead = everythingRead;
        this.runLog = runLog;
        this.tx = tx;
        this.json = json;
        this.events = events;
    }

    void execute(ClaimedRun run, String worker, BooleanSupplier stopping) {
        MDC.put("correlationId", run.correlationId());
        try {
            CurrentTenant.runAs(run.tenantId(), () -> executeForTenant(run, worker, stopping));
        } finally {
            MDC.remove("correlationId");
        }
    }

    private void executeForTenant(ClaimedRun run, String worker, BooleanSupplier stopping) {
        var context = new RunReadContext(run, stopping, inbound);
        ConnectorError error = null;
        RunStatus status;
        try {
            Optional<ResolvedConnection> resolved = runtime.resolve(run.connectionId());
            if (resolved.isEmpty()) {
                finish(run, worker, RunStatus.CANCELLED, context, null);
                return;
            }
            ResolvedConnection connection = resolved.get();
            if (connection.connection().state() != ConnectionState.ACTIVE
                    && (run.trigger() == RunTrigger.SCHEDULE || run.trigger() == RunTrigger.REPROCESS)) {
                finish(
                        run,
                        worker,
                        RunStatus.CANCELLED,
                        context,
                        new ConnectorError(
                                ErrorClass.CONFIG,
                                "The connection is paused.",
                                "Resume the connection to sync again."));
                return;
            }
            Quarantined quarantined;
            if (run.trigger() == RunTrigger.DRY_RUN) {
                quarantined = logged(run, context, () -> {
                    everythingRead.read(run, worker, connection, context, readers);
                    return Quarantined.NONE;
                });
            } else if (connection.destination()) {
                quarantined = destinations.writeAll(run, worker, connection, stopping);
                if (run.trigger() == RunTrigger.REPROCESS) {
                    quarantined = quarantined.plus(destinations.resend(run, worker, connection, stopping));
                }
            } else {
                quarantined = readAll(run, worker, connection, context);
                if (run.trigger() == RunTrigger.REPROCESS) {
                    // after the source was read again, so that a record changed there is not applied as it was before
                    quarantined = quarantined.plus(reprocessor.reprocess(run, worker, connection, stopping));
                }
            }
            status = quarantined.count() > 0 ? RunStatus.SUCCEEDED_WITH_QUARANTINE : RunStatus.SUCCEEDED;
            if (quarantined.count() > 0) {
                error = new ConnectorError(
                        ErrorClass.DATA,
                        Plurals.count(quarantined.count(), "record was", "records were") + " quarantined, e.g. "
                                + quarantined.example() + ".",
                        "Open the quarantine: fix the records or the mapping, then reprocess them.");
            }
        } catch (ConnectorException e) {
            status = RunStatus.FAILED;
            error = e.error();
            log.info("Run {} failed: {}", run.id(), e.getMessage());
        } catch (LeaseLostException e) {
            log.warn("Run {} was taken over by another worker; this worker stops", run.id());
            return;
        } catch (TransientDataAccessException
                | DataAccessResourceFailureException
                | RecoverableDataAccessException
                | CannotCreateTransactionException e) {
            // the database is away: nothing of this run can be recorded now, and its lease is no longer renewed, so
            // it expires and the run is handed back to the queue, resuming from its checkpoint once the database is
            // back
            log.warn(
                    "Run {} lost the database and is left to be resumed from its checkpoint: {}",
                    run.id(),
                    e.toString());
            return;
        } catch (RuntimeException e) {
            status = RunStatus.FAILED;
            error = new ConnectorError(
                    ErrorClass.INTERNAL,
                    "Patchbay hit an unexpected error while syncing.",
                    "Try Run now; if it fails again, contact support with the correlation id " + run.correlationId()
                            + ".");
            log.error("Run {} failed unexpectedly", run.id(), e);
        }
        if (stopping.getAsBoolean() && error != null && error.errorClass() == ErrorClass.TRANSIENT) {
            // the node is shutting down: leave the run to be released and resumed elsewhere
            return;
        }
        finish(run, worker, status, context, error);
    }

    /** Reads every page; returns what was quarantined. */
    private Quarantined readAll(ClaimedRun run, String worker, ResolvedConnection connection, RunReadContext context) {
        String stream = connection.stream();
        OpenQuarantine open = tx.execute(s -> pipeline.openQuarantine(run.connectionId(), stream));
        String before = tx.execute(s -> {
            Optional<String> checkpoint = checkpoints.find(run.connectionId(), stream);
            runs.recordCheckpointBefore(run.id(), checkpoint.orElse(null));
            return checkpoint.orElse(null);
        });
        return logged(run, context, () -> readPages(run, worker, connection, stream, open, parse(before), context));
    }

    /** Does {@code reading}; if the source refuses, the request that failed goes in the run's log beside its error. */
    private <T> T logged(ClaimedRun run, RunReadContext context, java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ConnectorException e) {
            // the request that failed (and any before it no page took)
            tx.executeWithoutResult(s -> runLog.unfinished(run.id(), context.takeRequests()));
            throw e;
        }
    }

    private Quarantined readPages(
            ClaimedRun run,
            String worker,
            ResolvedConnection connection,
            String stream,
            OpenQuarantine open,
            @Nullable JsonNode checkpoint,
            RunReadContext context) {
        List<Quarantined> quarantined = new ArrayList<>();
        new PageReader(readers, run, connection, stream, context).readAll(checkpoint, page -> {
            RecordPipeline.MappedPage mapped = pipeline.map(connection, page.records());
            String after = page.checkpoint().toString();
            int read = page.records().size();
            RecordPipeline.Written written = tx.execute(s -> {
                RecordPipeline.Written done =
                        pipeline.write(run.connectionId(), run.id(), run.correlationId(), mapped, open);
                checkpoints.save(run.connectionId(), stream, after, run.id());
                PageCounts counts =
                        context.counts(read, done.changed(), done.quarantined().size());
                if (!runs.addProgress(run.id(), worker, counts, after)) {
                    s.setRollbackOnly();
                    return null;
                }
                runLog.page(run.id(), context.takeRequests(), counts, after);
                return done;
            });
            if (written == null) {
                return false;
            }
            quarantined.add(Quarantined.of(written.quarantined()));
            return true;
        });
        return quarantined.stream().reduce(Quarantined.NONE, Quarantined::plus);
    }

    private void finish(
            ClaimedRun run, String worker, RunStatus status, RunReadContext context, @Nullable ConnectorError error) {
        PageCounts extra = context.counts(0, 0, 0);
        // published inside the transaction that ends the run: what follows from it (health) is marked in that commit
        tx.executeWithoutResult(s -> {
            if (runs.finish(run.id(), worker, status, extra, error)) {
                events.publishEvent(
                        new RunFinished(run.tenantId(), run.connectionId(), run.id(), run.correlationId(), status));
            }
        });
    }

    private @Nullable JsonNode parse(@Nullable String checkpoint) {
        if (checkpoint == null) {
            return null;
        }
        try {
            return json.readTree(checkpoint);
        } catch (JacksonException e) {
            throw new IllegalStateException("Stored checkpoint is not JSON", e);
        }
    }

    /** How many records a run quarantined, and the first one's reason, for the run's note. */
    record Quarantined(int count, String example) {

        static final Quarantined NONE = new Quarantined(0, "");

        static Quarantined of(List<QuarantineRepository.Entry> entries) {
            return entries.isEmpty()
                    ? NONE
                    : new Quarantined(
                            entries.size(),
                            "record " + entries.getFirst().externalId() + ": "
                                    + entries.getFirst().problems().getFirst().reason());
        }

        Quarantined plus(Quarantined more) {
            return new Quarantined(count + more.count, example.isEmpty() ? more.example : example);
        }
    }

    static final class LeaseLostException extends RuntimeException {}
}
