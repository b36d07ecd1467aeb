package io.patchbay.sync;

import io.patchbay.base.InvalidInputException;
import io.patchbay.base.Plurals;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.internal.IdentityRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The identity review list: external records the match rules could not place alone, for a person to link to one of
 * the candidates, merge with one, or keep apart; and unlinking an external record a rule matched wrongly. Each is
 * previewed before it is done, done in one transaction with the records it touches locked, and audited on the
 * connection the external record came from.
 */
@Service
public class IdentityConflicts {

    /** What a person does with a conflict's record and a candidate. */
    public enum Action {
        /** The external record is the candidate: its link moves there and its values update the candidate's. */
        LINK,
        /** The two core records are one: every link moves to the candidate, whose values win where both have one. */
        MERGE
    }

    private final IdentityRepository identities;
    private final ApplicationEventPublisher events;

    IdentityConflicts(IdentityRepository identities, ApplicationEventPublisher events) {
        this.identities = identities;
        this.events = events;
    }

    /** Open conflicts, in the order they came in. */
    @PreAuthorize(Quarantine.OPERATE)
    @Transactional(readOnly = true)
    public List<IdentityConflict> open(int limit) {
        return identities.open(limit);
    }

    @PreAuthorize(Quarantine.OPERATE)
    @Transactional(readOnly = true)
    public int count() {
        return identities.openCount();
    }

    @PreAuthorize(Quarantine.OPERATE)
    @Transactional(readOnly = true)
    public Optional<IdentityConflict> find(UUID conflict) {
        return identities.findOpen(conflict, false);
    }

    /**
     * What linking or merging the conflict's record with {@code target} would leave. Nothing changes.
     *
     * @throws IllegalArgumentException when the conflict is settled, the target is no record of the tenant, or is
     *     a record of another entity
     */
    @PreAuthorize(Quarantine.SETUP)
    @Transactional(readOnly = true)
    public IdentityPreview preview(UUID conflict, UUID target, Action action) {
        return plan(conflict, target, action, false).preview();
    }

    /**
     * Links or merges the conflict's record with {@code target}, as {@link #preview} showed.
     *
     * @throws IllegalArgumentException as {@link #preview}; nothing is changed then
     */
    @PreAuthorize(Quarantine.SETUP)
    @Transactional
    public IdentityPreview resolve(UUID conflict, UUID target, Action action) {
        Plan plan = plan(conflict, target, action, true);
        String by = CurrentTenant.actor();
        CoreRecordView incoming = plan.conflict().record();
        identities.setData(target, plan.preview().data());
        if (action == Action.LINK) {
            identities.moveLink(plan.link(), incoming.entity(), target);
            identities.removeIfUnlinked(incoming.coreId());
            identities.close(conflict, "linked", by, "Linked to " + target);
        } else {
            identities.close(conflict, "merged", by, "Merged into " + target);
            identities.fold(incoming.coreId(), target, by);
        }
        audit(
                plan.conflict().connection(),
                action == Action.LINK ? "connection.identity_linked" : "connection.identity_merged",
                Map.of(
                        "record", plan.conflict().externalId(),
                        "into", target.toString(),
                        "from", incoming.coreId().toString(),
                        "rule", plan.conflict().rule()));
        return plan.preview();
    }

    /** Leaves the conflict's record a record of its own, as it is. */
    @PreAuthorize(Quarantine.SETUP)
    @Transactional
    public void keepApart(UUID conflict) {
        IdentityConflict open = identities
                .findOpen(conflict, true)
                .orElseThrow(() -> new InvalidInputException("This conflict is settled already."));
        identities.close(conflict, "kept_apart", CurrentTenant.actor(), "Kept apart");
        audit(
                open.connection(),
                "connection.identity_kept_apart",
                Map.of("record", open.externalId(), "rule", open.rule()));
    }

    /**
     * What unlinking one external record from a core record would leave: a record of its own, a copy of this one's
     * data until its next sync brings its own values. Nothing changes.
     *
     * @throws IllegalArgumentException when the record has no such link, or no other (there is nothing to unlink from)
     */
    @PreAuthorize(Quarantine.SETUP)
    @Transactional(readOnly = true)
    public IdentityPreview previewUnlink(UUID coreId, ConnectionId connection, String externalId) {
        CoreRecordView record =
                identities.record(coreId).orElseThrow(() -> new InvalidInputException("No such record."));
        return unlinkPlan(record, connection, externalId);
    }

    @PreAuthorize(Quarantine.SETUP)
    @Transactional
    public UUID unlink(UUID coreId, ConnectionId connection, String externalId) {
        CoreRecordView record =
                identities.lockRecord(coreId).orElseThrow(() -> new InvalidInputException("No such record."));
        unlinkPlan(record, connection, externalId);
        CoreRecordView.Link link = record.links().stream()
                .filter(l -> l.connection().equals(connection) && l.externalId().equals(externalId))
                .findFirst()
                .orElseThrow();
        UUID own = identities.insertRecord(record.entity(), record.data());
        identities.moveLink(link, record.entity(), own);
        audit(
                connection,
                "connection.identity_unlinked",
                Map.of("record", externalId, "from", coreId.toString(), "into", own.toString()));
        return own;
    }

    private IdentityPreview unlinkPlan(CoreRecordView record, ConnectionId connection, String externalId) {
        var link = record.links().stream()
                .filter(l -> l.connection().equals(connection) && l.externalId().equals(externalId))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("That external record is not this record."));
        if (record.links().size() < 2) {
            throw new InvalidInputException("It is the only external record of this record: nothing to unlink from.");
        }
        List<CoreRecordView.Link> staying = new ArrayList<>(record.links());
        staying.remove(link);
        return new IdentityPreview(
                link.describe() + " becomes a record of its own (a copy of this one until its next sync); this record"
                        + " stays with "
                        + Plurals.count(staying.size(), "other external record", "other external records")
                        + ".",
                record.data(),
                staying,
                null);
    }

    private Plan plan(UUID conflictId, UUID target, Action action, boolean lock) {
        IdentityConflict conflict = identities
                .findOpen(conflictId, lock)
                .orElseThrow(() -> new InvalidInputException("This conflict is settled already."));
        UUID incomingId = conflict.record().coreId();
        if (incomingId.equals(target)) {
            throw new InvalidInputException("A record cannot be linked or merged with itself.");
        }
        // both records locked in one order, so two people resolving crossing conflicts never wait on each other
        boolean incomingFirst = incomingId.compareTo(target) < 0;
        Optional<CoreRecordView> first = read(incomingFirst ? incomingId : target, lock);
        Optional<CoreRecordView> second = read(incomingFirst ? target : incomingId, lock);
        CoreRecordView incoming = (incomingFirst ? first : second)
                .orElseThrow(() -> new InvalidInputException("The record this conflict made is gone."));
        CoreRecordView into = (incomingFirst ? second : first)
                .orElseThrow(() -> new InvalidInputException("No such record to " + verb(action) + " it with."));
        if (!into.entity().equals(incoming.entity())) {
            throw new InvalidInputException("A " + incoming.entity() + " cannot be "
                    + (action == Action.LINK ? "linked" : "merged") + " with a " + into.entity()
                    + ": records of different entities are never one. Nothing was changed.");
        }
        CoreRecordView.Link link = incoming.links().stream()
                .filter(l -> l.connection().equals(conflict.connection())
                        && l.externalId().equals(conflict.externalId()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "Its external record is linked to another record meanwhile; reload the list."));
        List<CoreRecordView.Link> links = new ArrayList<>(into.links());
        IdentityPreview preview;
        if (action == Action.LINK) {
            links.add(link);
            boolean removed = incoming.links().size() == 1;
            preview = new IdentityPreview(
                    link.describe() + " will be this record; its values replace the record's where it has them"
                            + (removed ? ", and the record it made now goes away." : "."),
                    overlay(into.data(), incoming.data()),
                    links,
                    removed ? incoming : null);
        } else {
            links.addAll(incoming.links());
            preview = new IdentityPreview(
                    "The two records become one with " + links.size() + " external records; where both have a value,"
                            + " this record's stays.",
                    overlay(incoming.data(), into.data()),
                    links,
                    incoming);
        }
        return new Plan(conflict, link, preview);
    }

    private Optional<CoreRecordView> read(UUID coreId, boolean lock) {
        return lock ? identities.lockRecord(coreId) : identities.record(coreId);
    }

    /** {@code base} with {@code over}'s fields on top. */
    private static JsonNode overlay(JsonNode base, JsonNode over) {
        ObjectNode result = base instanceof ObjectNode object
                ? object.deepCopy()
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (over instanceof ObjectNode fields) {
            result.setAll(fields);
        }
        return result;
    }

    private static String verb(Action action) {
        return action == Action.LINK ? "link" : "merge";
    }

    private void audit(ConnectionId connection, String action, Map<String, String> details) {
        events.publishEvent(
                new ConnectionChanged(CurrentTenant.require(), connection, action, details, CurrentTenant.actor()));
    }

    private record Plan(IdentityConflict conflict, CoreRecordView.Link link, IdentityPreview preview) {}
}
