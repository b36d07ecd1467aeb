package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.WriteResult;
import io.patchbay.connection.ResolvedConnection;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.sync.QuarantinedRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A destination's run: the core records of its entity that changed since its checkpoint, a page at a time, mapped to
 * what the stream accepts and checked against it before anything is sent; the valid ones written (no transaction
 * open), then, in one transaction, what failed the check or what the system refused (400, 409, 422, in its own
 * words) quarantined, entries of records now written closed, and the checkpoint moved. A crash between the write and
 * the commit sends the page again, which the system takes as unchanged (writes are upserts).
 */
@Component
class DestinationWriter {

    static final int PAGE = 100;
    private static final CoreRecordFeed.Position START =
            new CoreRecordFeed.Position(OffsetDateTime.parse("1970-01-01T00:00:00Z"), new UUID(0, 0));

    private final CoreRecordFeed feed;
    private final QuarantineRepository quarantine;
    private final CheckpointRepository checkpoints;
    private final RunRepository runs;
    private final RunLogRepository runLog;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    DestinationWriter(
            CoreRecordFeed feed,
            QuarantineRepository quarantine,
            CheckpointRepository checkpoints,
            RunRepository runs,
            RunLogRepository runLog,
            TransactionTemplate tx,
            ObjectMapper json) {
        this.feed = feed;
        this.quarantine = quarantine;
        this.checkpoints = checkpoints;
        this.runs = runs;
        this.runLog = runLog;
        this.tx = tx;
        this.json = json;
    }

    /** Sends every change since the checkpoint; returns what was quarantined. */
    RunExecutor.Quarantined writeAll(
            ClaimedRun run, String worker, ResolvedConnection connection, BooleanSupplier stopping) {
        String stream = connection.stream();
        OpenQuarantine open =
                tx.execute(s -> new OpenQuarantine(quarantine.openExternalIds(run.connectionId(), stream)));
        String before = tx.execute(s -> {
            String checkpoint = checkpoints.find(run.connectionId(), stream).orElse(null);
            runs.recordCheckpointBefore(run.id(), checkpoint);
            return checkpoint;
        });
        CoreRecordFeed.Position at = position(before);
        RunExecutor.Quarantined total = RunExecutor.Quarantined.NONE;
        while (!stopping.getAsBoolean()) {
            CoreRecordFeed.Position from = at;
            List<CoreRecordFeed.Changed> page = tx.execute(s -> feed.after(connection.entity(), from, PAGE));
            if (page == null || page.isEmpty()) {
                return total;
            }
            Sent sent = send(connection, page);
            CoreRecordFeed.Changed last = page.getLast();
            at = new CoreRecordFeed.Position(last.updatedAt(), last.coreId());
            String after = checkpoint(at);
            Boolean kept = tx.execute(s -> {
                quarantine.lockConnection(run.connectionId());
                quarantine.quarantine(
                        run.connectionId(), stream, connection.entity(), run.id(), run.correlationId(), sent.failed());
                quarantine.resolvedAtSource(run.connectionId(), stream, open.resolvedBy(sent.delivered()));
                open.quarantined(sent.failed().stream()
                        .map(QuarantineRepository.Entry::externalId)
                        .toList());
                checkpoints.save(run.connectionId(), stream, after, run.id());
                return counted(
                        s,
                        run,
                        worker,
                        new PageCounts(
                                page.size(), sent.written(), sent.failed().size(), 0, 0),
                        after);
            });
            if (!Boolean.TRUE.equals(kept)) {
                throw new RunExecutor.LeaseLostException();
            }
            total = total.plus(RunExecutor.Quarantined.of(sent.failed()));
        }
        return total;
    }

    /**
     * Sends again the quarantined records a person asked to have reprocessed, as the core store has them now (not as
     * they were when refused), a page at a time. An entry discarded while its page was being sent stays discarded.
     */
    RunExecutor.Quarantined resend(
            ClaimedRun run, String worker, ResolvedConnection connection, BooleanSupplier stopping) {
        RunExecutor.Quarantined total = RunExecutor.Quarantined.NONE;
        @Nullable UUID after = null;
        while (!stopping.getAsBoolean()) {
            UUID from = after;
            List<QuarantinedRecord> requested = tx.execute(s -> quarantine.requested(run.connectionId(), from, PAGE));
            if (requested == null || requested.isEmpty()) {
                return total;
            }
            after = requested.getLast().id();
            Map<UUID, CoreRecordFeed.Changed> current = tx
                    .execute(s -> feed.find(requested.stream()
                            .map(r -> UUID.fromString(r.externalId()))
                            .toList()))
                    .stream()
                    .collect(Collectors.toMap(CoreRecordFeed.Changed::coreId, Function.identity()));
            List<QuarantinedRecord> present = requested.stream()
                    .filter(r -> current.containsKey(UUID.fromString(r.externalId())))
                    .toList();
            Sent sent = send(
                    connection,
                    present.stream()
                            .map(r -> current.get(UUID.fromString(r.externalId())))
                            .toList());
            Map<String, QuarantineRepository.Entry> failed = sent.failed().stream()
                    .collect(Collectors.toMap(QuarantineRepository.Entry::externalId, Function.identity()));
            Boolean kept = tx.execute(s -> {
                quarantine.lockConnection(run.connectionId());
                Set<UUID> still = quarantine.lockRequested(
                        requested.stream().map(QuarantinedRecord::id).toList());
                List<UUID> delivered = new ArrayList<>();
                List<UUID> gone = new ArrayList<>();
                for (QuarantinedRecord record : requested) {
                    if (!still.contains(record.id())) {
                        continue;
                    }
                    QuarantineRepository.Entry refused = failed.get(record.externalId());
                    if (!current.containsKey(UUID.fromString(record.externalId()))) {
                        gone.add(record.id());
                    } else if (refused != null) {
                        quarantine.stillInvalid(
                                record.id(), refused.mapped(), refused.problems(), run.id(), run.correlationId());
                    } else {
                        delivered.add(record.id());
                    }
                }
                quarantine.reprocessed(delivered, "reprocess " + run.correlationId());
                quarantine.discard(gone, "reprocess " + run.correlationId(), "The core record is gone");
                String checkpoint = checkpoints
                        .find(run.connectionId(), connection.stream())
                        .orElse("null");
                return counted(
                        s,
                        run,
                        worker,
                        new PageCounts(
                                present.size(), sent.written(), sent.failed().size(), 0, 0),
                        checkpoint);
            });
            if (!Boolean.TRUE.equals(kept)) {
                throw new RunExecutor.LeaseLostException();
            }
            total = total.plus(RunExecutor.Quarantined.of(sent.failed()));
        }
        return total;
    }

    /**
     * Maps and checks the records, and writes those that pass; no transaction open. A failure of the whole batch
     * (credentials, the system away) propagates and fails the run, its checkpoint unmoved.
     */
    private Sent send(ResolvedConnection connection, List<CoreRecordFeed.Changed> records) {
        List<QuarantineRepository.Entry> failed = new ArrayList<>();
        List<MappedRecord> valid = new ArrayList<>();
        Map<String, JsonNode> raw = new java.util.HashMap<>();
        for (CoreRecordFeed.Changed record : records) {
            String id = record.coreId().toString();
            raw.put(id, record.data());
            MappedRecord mapped = connection.mapping().apply(id, record.data());
            if (mapped.valid()) {
                valid.add(mapped);
            } else {
                failed.add(new QuarantineRepository.Entry(id, record.data(), mapped.data(), mapped.problems()));
            }
        }
        if (valid.isEmpty()) {
            return new Sent(0, List.of(), failed);
        }
        WriteResult result = connection
                .connector()
                .write(
                        connection.config(),
                        connection.stream(),
                        valid.stream().map(r -> (ObjectNode) r.data()).toList());
        Set<String> refusedIds = new HashSet<>();
        for (WriteResult.Refusal refusal : result.refused()) {
            MappedRecord record = valid.get(refusal.index());
            refusedIds.add(record.externalId());
            failed.add(new QuarantineRepository.Entry(
                    record.externalId(),
                    raw.get(record.externalId()),
                    record.data(),
                    List.of(new RecordProblem("/", RecordProblem.Kind.DESTINATION, refusal.message()))));
        }
        List<String> delivered = valid.stream()
                .map(MappedRecord::externalId)
                .filter(id -> !refusedIds.contains(id))
                .toList();
        return new Sent(result.written(), delivered, failed);
    }

    /** Counts the page on the run, in its transaction; false (rolled back) when another worker holds the run now. */
    private boolean counted(TransactionStatus s, ClaimedRun run, String worker, PageCounts counts, String checkpoint) {
        if (runs.addProgress(run.id(), worker, counts, checkpoint)) {
            runLog.page(run.id(), List.of(), counts, checkpoint);
            return true;
        }
        s.setRollbackOnly();
        return false;
    }

    private CoreRecordFeed.Position position(@Nullable String checkpoint) {
        if (checkpoint == null) {
            return START;
        }
        JsonNode node = json.readTree(checkpoint);
        return new CoreRecordFeed.Position(
                OffsetDateTime.parse(node.path("updatedAt").asString()),
                UUID.fromString(node.path("coreId").asString()));
    }

    private String checkpoint(CoreRecordFeed.Position at) {
        return json.createObjectNode()
                .put("updatedAt", at.updatedAt().toString())
                .put("coreId", at.coreId().toString())
                .toString();
    }

    /** What a page's send did: records written, which were delivered (by core id), and what failed with why. */
    private record Sent(int written, List<String> delivered, List<QuarantineRepository.Entry> failed) {}
}
