package io.patchbay.sync;

import io.patchbay.connection.ConnectionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An external record the identity rules could not place alone: it matched several core records, or one its own
 * connection already has under another external id. It got a core record of its own ({@code record}) meanwhile.
 *
 * @param rule the rule that found the candidates, as a person reads it ("the same email (ignoring case)")
 * @param value the key they share, normalised
 * @param claimed true when the one candidate is already another record of the same connection
 */
public record IdentityConflict(
        UUID id,
        String entity,
        ConnectionId connection,
        String connectionName,
        String externalId,
        String rule,
        String value,
        boolean claimed,
        Instant createdAt,
        @Nullable String correlationId,
        CoreRecordView record,
        List<CoreRecordView> candidates) {

    public IdentityConflict {
        candidates = List.copyOf(candidates);
    }

    /** Why it waits for a person, in a sentence. */
    public String reason() {
        if (claimed) {
            return "Another record from the same connection has " + rule + ": " + value;
        }
        return "Matches " + candidates.size() + " records by " + rule + ": " + value;
    }
}
