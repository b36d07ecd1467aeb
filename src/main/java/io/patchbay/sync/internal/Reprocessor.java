package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.sync.QuarantinedRecord;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second half of a reprocess run: the quarantined records asked to be reprocessed go through the record pipeline
 * again, as they are stored (as the source last gave them, or as a person edited them), a page at a time and each
 * page in one transaction as a sync's. Valid ones are applied and leave quarantine; the rest stay, with what is wrong
 * now. A record discarded, re-read or no longer asked for while the run works is left alone.
 */
@Component
class Reprocessor {

    static final int PAGE = 100;

    private final QuarantineRepository quarantine;
    private final RecordPipeline pipeline;
    private final RunRepository runs;
    private final CheckpointRepository checkpoints;
    private final RunLogRepository runLog;
    private final TransactionTemplate tx;

    Reprocessor(
            QuarantineRepository quarantine,
            RecordPipeline pipeline,
            RunRepository runs,
            CheckpointRepository checkpoints,
            RunLogRepository runLog,
            TransactionTemplate tx) {
        this.quarantine = quarantine;
        this.pipeline = pipeline;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.runLog = runLog;
        this.tx = tx;
    }

    RunExecutor.Quarantined reprocess(
            ClaimedRun run, String worker, ResolvedConnection connection, BooleanSupplier stopping) {
        RunExecutor.Quarantined total = RunExecutor.Quarantined.NONE;
        OpenQuarantine open = tx.execute(s -> pipeline.openQuarantine(run.connectionId(), connection.stream()));
        @Nullable UUID after = null;
        while (!stopping.getAsBoolean()) {
            UUID from = after;
            List<QuarantinedRecord> batch = tx.execute(s -> quarantine.requested(run.connectionId(), from, PAGE));
            if (batch == null || batch.isEmpty()) {
                return total;
            }
            after = batch.getLast().id();
            RecordPipeline.Written written = tx.execute(s -> {
                quarantine.lockConnection(run.connectionId());
                Set<UUID> still = quarantine.lockRequested(
                        batch.stream().map(QuarantinedRecord::id).toList());
                List<QuarantinedRecord> taken =
                        batch.stream().filter(r -> still.contains(r.id())).toList();
                RecordPipeline.MappedPage page = pipeline.map(
                        connection,
                        taken.stream()
                                .map(r -> new SourceRecord(r.externalId(), (ObjectNode) r.raw()))
                                .toList());
                List<UUID> valid = validIds(taken, page.records());
                // closed as reprocessed before the write, which closes what is valid as read from the source
                quarantine.reprocessed(valid, "reprocess " + run.correlationId());
                RecordPipeline.Written done =
                        pipeline.write(run.connectionId(), run.id(), run.correlationId(), page, open);
                String checkpoint = checkpoints
                        .find(run.connectionId(), connection.stream())
                        .orElse("null");
                var counts = new PageCounts(
                        taken.size(), done.changed(), done.quarantined().size(), 0, 0);
                if (!runs.addProgress(run.id(), worker, counts, checkpoint)) {
                    s.setRollbackOnly();
                    return null;
                }
                runLog.page(run.id(), List.of(), counts, checkpoint);
                return done;
            });
            if (written == null) {
                throw new IllegalStateException("The reprocess run " + run.id() + " lost its lease");
            }
            total = total.plus(RunExecutor.Quarantined.of(written.quarantined()));
        }
        return total;
    }

    /** The quarantine ids of the records the page found valid (references are checked when written). */
    private static List<UUID> validIds(List<QuarantinedRecord> taken, List<MappedRecord> mapped) {
        List<UUID> valid = new java.util.ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            if (mapped.get(i).valid()) {
                valid.add(taken.get(i).id());
            }
        }
        return valid;
    }
}
