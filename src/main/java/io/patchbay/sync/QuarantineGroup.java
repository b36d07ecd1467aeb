package io.patchbay.sync;

import io.patchbay.mapping.RecordProblem;
import java.time.Instant;

/** Quarantined records that share a reason: "412 records: /email is not an email". */
public record QuarantineGroup(String reason, String field, RecordProblem.Kind kind, int records, Instant lastSeenAt) {}
