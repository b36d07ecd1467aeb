package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import io.patchbay.mapping.RecordProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A record a sync could not apply, kept with why: as the source gave it (or as a person edited it), as the mapping
 * made it, every problem, and the run that last read it.
 *
 * @param editedBy who last edited the source record here; null while it is as the source gave it
 * @param reprocessRequested whether it waits to be taken up by a reprocess run
 */
public record QuarantinedRecord(
        UUID id,
        ConnectionId connectionId,
        String stream,
        String entity,
        String externalId,
        JsonNode raw,
        JsonNode mapped,
        List<RecordProblem> problems,
        @Nullable String editedBy,
        RunId runId,
        String correlationId,
        Status status,
        Instant firstSeenAt,
        Instant lastSeenAt,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable String resolution,
        boolean reprocessRequested) {

    public QuarantinedRecord {
        problems = List.copyOf(problems);
    }

    /** The reason it groups by: its first problem's. */
    public String reason() {
        return problems.isEmpty() ? "" : problems.getFirst().reason();
    }

    /** Where it is: waiting in quarantine, or how it left. */
    public enum Status {
        QUARANTINED("In quarantine"),
        REPROCESSED("Reprocessed"),
        DISCARDED("Discarded"),
        /** A later sync read it again from the source, valid. */
        RESOLVED("Fixed at the source");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
