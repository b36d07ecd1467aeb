package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.connection.ValidationReport.RecordVerdict;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validate everything, run by the run queue: every page of the source from its start, through the mapping, the schema
 * and the template's rules (references looked up in the core store as it is), nothing written and no checkpoint
 * moved; the run counts what it read as it goes, and its report is kept when it ends. A run taken over after a crash
 * reads from the start again: what it found was only ever in its memory.
 */
@Component
class EverythingRead {

    /** The invalid records a report lists with why; all of them are counted. */
    static final int LISTED = 500;

    private final RecordPipeline pipeline;
    private final RunRepository runs;
    private final RunLogRepository runLog;
    private final ConnectionValidation validation;
    private final TransactionTemplate tx;

    EverythingRead(
            RecordPipeline pipeline,
            RunRepository runs,
            RunLogRepository runLog,
            ConnectionValidation validation,
            TransactionTemplate tx) {
        this.pipeline = pipeline;
        this.runs = runs;
        this.runLog = runLog;
        this.validation = validation;
        this.tx = tx;
    }

    /**
     * Reads and checks everything; keeps the report.
     *
     * @throws RunExecutor.LeaseLostException when another worker took the run over
     * @throws io.patchbay.catalog.spi.ConnectorException when the source cannot be read to the end
     */
    void read(ClaimedRun run, String worker, ResolvedConnection connection, RunReadContext context, Executor readers) {
        int[] read = {0};
        int[] invalid = {0};
        List<RecordVerdict> listed = new ArrayList<>();
        new PageReader(readers, run, connection, connection.stream(), context).readAll(null, page -> {
            RecordPipeline.MappedPage mapped = pipeline.map(connection, page.records());
            List<MappedRecord> checked = tx.execute(s -> pipeline.check(mapped));
            for (MappedRecord record : checked) {
                if (!record.valid()) {
                    invalid[0]++;
                    if (listed.size() < LISTED) {
                        listed.add(new RecordVerdict(
                                record.externalId(),
                                record.problems().stream()
                                        .map(RecordProblem::reason)
                                        .toList()));
                    }
                }
            }
            int pageRead = page.records().size();
            read[0] += pageRead;
            String after = page.checkpoint().toString();
            return Boolean.TRUE.equals(tx.execute(s -> {
                PageCounts counts = context.counts(pageRead, 0, 0);
                if (!runs.addProgress(run.id(), worker, counts, after)) {
                    s.setRollbackOnly();
                    return false;
                }
                runLog.page(run.id(), context.takeRequests(), counts, after);
                return true;
            }));
        });
        validation.keepWholeRead(run.connectionId(), run.correlationId(), read[0], invalid[0], listed);
    }
}
