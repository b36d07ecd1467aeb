package io.patchbay.sync;

import io.patchbay.base.InvalidInputException;
import io.patchbay.base.RefusedException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionRuntime;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.sync.internal.QuarantineQueries;
import io.patchbay.sync.internal.QuarantineRepository;
import io.patchbay.sync.internal.RunRepository;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.validation.RecordRules;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records syncs could not apply, for people to fix: grouped by reason, each with its source data, mapped form and
 * problems. A record is fixed by editing it (checked before it is saved) or by fixing the mapping, then reprocessed:
 * a reprocess run reads the source again and takes the records up through the same pipeline as a sync. Or it is
 * discarded with a reason. Every action is audited on the connection.
 */
@Service
public class Quarantine {

    static final String OPERATE = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";
    static final String SETUP = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";

    private final QuarantineRepository records;
    private final QuarantineQueries queries;
    private final RunRepository runs;
    private final ConnectionService connections;
    private final ConnectionRuntime runtime;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final TemplateLibrary templates;

    Quarantine(
            QuarantineRepository records,
            QuarantineQueries queries,
            RunRepository runs,
            ConnectionService connections,
            ConnectionRuntime runtime,
            ApplicationEventPublisher events,
            ObjectMapper json,
            TemplateLibrary templates) {
        this.records = records;
        this.queries = queries;
        this.runs = runs;
        this.connections = connections;
        this.runtime = runtime;
        this.events = events;
        this.json = json;
        this.templates = templates;
    }

    /**
     * Whether the connection's records are fixed by editing them here: a source's are; those a destination could not
     * take came from the core store, and are fixed where they came from or in the mapping, then reprocessed.
     */
    @Transactional(readOnly = true)
    public boolean editable(ConnectionId connection) {
        return !sentToDestination(connection);
    }

    private boolean sentToDestination(ConnectionId connection) {
        return connections
                .find(connection)
                .flatMap(c -> templates.find(c.templateId(), c.templateVersion()))
                .map(Template::destination)
                .orElse(false);
    }

    @Transactional(readOnly = true)
    public List<QuarantineGroup> groups(QuarantineFilter filter) {
        return queries.groups(filter);
    }

    /** How many records the run with this correlation id quarantined still wait. */
    @Transactional(readOnly = true)
    public int countWith(String correlationId) {
        return queries.countWith(correlationId);
    }

    /** How many of the records the filter's connection (or the tenant) had in quarantine left it, and how. */
    @Transactional(readOnly = true)
    public java.util.Map<QuarantinedRecord.Status, Integer> left(QuarantineFilter filter) {
        return queries.left(filter);
    }

    /** How many records the filter selects in quarantine now. */
    @Transactional(readOnly = true)
    public int count(QuarantineFilter filter) {
        return queries.count(filter);
    }

    /** Newest first, after {@code after} (null: from the newest). */
    @Transactional(readOnly = true)
    public List<QuarantinedRecord> records(QuarantineFilter filter, @Nullable QuarantinedRecord after, int limit) {
        return queries.records(filter, after, limit);
    }

    @Transactional(readOnly = true)
    public Optional<QuarantinedRecord> find(UUID id) {
        return queries.find(id);
    }

    /** How many of the connection's records wait to be taken up by a reprocess run. */
    @Transactional(readOnly = true)
    public int waitingForReprocess(ConnectionId connection) {
        return queries.waitingForReprocess(connection);
    }

    /**
     * What an edit of a record's source data would become: mapped and checked as a sync would (without the lookups
     * of reference rules, which run when it is reprocessed). Nothing is saved.
     *
     * @throws InvalidEditException when it is not a JSON object
     */
    @PreAuthorize(SETUP)
    @Transactional(readOnly = true)
    public MappedRecord check(UUID id, String editedJson) {
        QuarantinedRecord record = queries.find(id).orElseThrow(() -> new InvalidEditException("No such record."));
        return check(record, parse(editedJson));
    }

    /**
     * Saves an edit of a record's source data and asks for it to be reprocessed.
     *
     * @throws InvalidEditException when it is not a JSON object, or still breaks the schema or a rule (nothing saved)
     */
    @PreAuthorize(SETUP)
    @Transactional
    public QuarantinedRecord saveAndReprocess(UUID id, String editedJson) {
        QuarantinedRecord record = queries.find(id)
                .filter(r -> r.status() == QuarantinedRecord.Status.QUARANTINED)
                .orElseThrow(() -> new InvalidEditException("This record is no longer in quarantine."));
        ObjectNode edited = parse(editedJson);
        MappedRecord mapped = check(record, edited);
        if (!mapped.valid()) {
            throw new InvalidEditException("Still not valid: "
                    + String.join(
                            "; ",
                            mapped.problems().stream().map(p -> p.reason()).toList()));
        }
        records.lockConnection(record.connectionId());
        records.edit(id, edited, mapped.data(), CurrentTenant.actor());
        audit(
                record.connectionId(),
                "connection.quarantine_edited",
                Map.of(
                        "record", record.externalId(),
                        "before", record.raw().toString(),
                        "after", edited.toString()));
        reprocess(QuarantineFilter.of(record.connectionId()), List.of(id));
        return queries.find(id).orElseThrow();
    }

    /**
     * Asks for the records the filter selects (or only {@code ids}) to be reprocessed, and queues a reprocess run of
     * each connection they belong to. Returns how many records will be.
     *
     * @throws IllegalStateException when a connection of theirs is not active
     */
    @PreAuthorize(OPERATE)
    @Transactional
    public int reprocess(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        List<ConnectionId> affected = queries.connections(filter, ids);
        for (ConnectionId connection : affected) {
            var state = connections.find(connection).map(c -> c.state()).orElse(ConnectionState.DRAFT);
            if (state != ConnectionState.ACTIVE) {
                throw new RefusedException("Resume the connection first: a paused connection is not reprocessed.");
            }
        }
        affected.stream()
                .sorted(java.util.Comparator.comparing(ConnectionId::value))
                .forEach(records::lockConnection);
        int requested = records.requestReprocess(filter, ids);
        for (ConnectionId connection : affected) {
            RunId run = runs.enqueue(connection, RunTrigger.REPROCESS);
            audit(
                    connection,
                    "connection.quarantine_reprocessed",
                    Map.of(
                            "records",
                            String.valueOf(requested),
                            "selection",
                            describe(filter, ids),
                            "run",
                            run.toString()));
            events.publishEvent(new RunQueued(connection, run));
        }
        return requested;
    }

    /** Stops what waits to be reprocessed on a connection; records already taken up stay as they came out. */
    @PreAuthorize(OPERATE)
    @Transactional
    public int cancelReprocess(ConnectionId connection) {
        records.lockConnection(connection);
        int cancelled = records.cancelReprocess(connection);
        if (cancelled > 0) {
            audit(
                    connection,
                    "connection.quarantine_reprocess_cancelled",
                    Map.of("records", String.valueOf(cancelled)));
        }
        return cancelled;
    }

    /**
     * Discards the records the filter selects (or only {@code ids}): they leave quarantine unapplied, with the reason.
     *
     * @throws IllegalArgumentException when the reason is missing
     */
    @PreAuthorize(OPERATE)
    @Transactional
    public int discard(QuarantineFilter filter, @Nullable Collection<UUID> ids, @Nullable String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 5) {
            throw new InvalidInputException("Say why these records are discarded (at least 5 characters).");
        }
        List<ConnectionId> affected = queries.connections(filter, ids);
        affected.stream()
                .sorted(java.util.Comparator.comparing(ConnectionId::value))
                .forEach(records::lockConnection);
        List<UUID> open = queries.openIds(filter, ids);
        int discarded = records.discard(open, CurrentTenant.actor(), why);
        for (ConnectionId connection : affected) {
            audit(
                    connection,
                    "connection.quarantine_discarded",
                    Map.of("records", String.valueOf(discarded), "selection", describe(filter, ids), "reason", why));
        }
        return discarded;
    }

    private MappedRecord check(QuarantinedRecord record, ObjectNode edited) {
        if (sentToDestination(record.connectionId())) {
            throw new InvalidEditException("This record comes from the core store: fix it where it came from, or fix"
                    + " the mapping, then reprocess it.");
        }
        var connection = runtime.resolve(record.connectionId())
                .orElseThrow(() -> new InvalidEditException("The connection is gone."));
        MappedRecord mapped = connection.mapping().apply(record.externalId(), edited);
        return new RecordRules(connection.validation()).check(List.of(mapped)).getFirst();
    }

    private ObjectNode parse(String editedJson) {
        try {
            JsonNode node = json.readTree(editedJson == null ? "" : editedJson);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new InvalidEditException("A record is a JSON object ({ ... }).");
        } catch (JacksonException e) {
            throw new InvalidEditException("Not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private static String describe(QuarantineFilter filter, @Nullable Collection<UUID> ids) {
        if (ids != null) {
            return ids.size() + " chosen";
        }
        return filter.reason() == null ? "all" : "reason " + filter.reason();
    }

    private void audit(ConnectionId connection, String action, Map<String, String> details) {
        events.publishEvent(
                new ConnectionChanged(CurrentTenant.require(), connection, action, details, CurrentTenant.actor()));
    }
}
