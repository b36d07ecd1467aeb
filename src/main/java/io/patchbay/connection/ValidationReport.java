package io.patchbay.connection;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a dry run on a connection's records (a sample, or everything) found, nothing written: each record valid or why not, whether the
 * mapping gives every required field, the entity schema's standing, the guardrails the setup breaks. It passes when the
 * mapping is complete and no more of the records are invalid than the template allows; invalid records of a passing
 * report are quarantined by the syncs, not lost.
 *
 * @param connectionVersion the version of the connection's setup it was run on
 * @param read what was read, in words (a sample and which, or everything); null in reports kept before it was said
 * @param sampled how many records were checked
 * @param notes what else a person should know (a deprecated schema version, an empty source)
 * @param guardrails the rules the setup breaks, with where each exception stands (activation needs them met or
 *     excepted)
 */
public record ValidationReport(
        ConnectionId connectionId,
        int connectionVersion,
        boolean passed,
        String verdict,
        @Nullable String read,
        int sampled,
        int invalid,
        double allowedPercent,
        List<String> missingFields,
        List<String> notes,
        List<String> guardrails,
        List<RecordVerdict> records,
        String createdBy,
        Instant createdAt) {

    public ValidationReport {
        missingFields = List.copyOf(missingFields);
        notes = List.copyOf(notes);
        guardrails = List.copyOf(guardrails);
        records = List.copyOf(records);
    }

    /** One sampled record: valid, or each problem as {@code /pointer: what is wrong}. */
    public record RecordVerdict(String externalId, List<String> problems) {

        public RecordVerdict {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }
}
