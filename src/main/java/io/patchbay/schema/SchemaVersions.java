package io.patchbay.schema;

import io.patchbay.schema.SchemaVersion.Stamp;
import io.patchbay.schema.internal.RegisteredSchemas;
import io.patchbay.schema.internal.SchemaVersionRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Solutions engineers growing the registry at run time: registering a subject's next version (checked against the
 * newest under the subject's compatibility mode, refused with the changes that break it) and retiring a version in
 * its announced steps (deprecate, dual-publish beside its successor, remove). What is stored reaches this node's
 * registry when it commits, and every other node's within {@link #REFRESH} (ADR 13).
 */
@Service
public class SchemaVersions implements SmartInitializingSingleton {

    static final String ENGINEER = "hasRole('SOLUTIONS_ENGINEER')";
    static final String REFRESH = "PT30S";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final SchemaVersionRepository rows;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate reading;

    SchemaVersions(
            SchemaRegistry registry,
            SchemaVersionRepository rows,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.rows = rows;
        this.events = events;
        this.reading = new TransactionTemplate(transactions);
        reading.setReadOnly(true);
        reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Before anything runs (syncs start later, with the scheduler): the registry as stored. */
    @Override
    public void afterSingletonsInstantiated() {
        refresh();
    }

    /** What other nodes registered or moved on. */
    @Scheduled(fixedDelayString = REFRESH, initialDelayString = REFRESH)
    void refresh() {
        registry.replace(reading.execute(status -> stored()));
    }

    @TransactionalEventListener
    void refreshOn(SchemaChanged committed) {
        refresh();
    }

    /**
     * What registering {@code schemaJson} as the subject's next version would change, without registering it.
     *
     * @throws InvalidSchemaException when it is not JSON or not a JSON Schema
     * @throws IncompatibleSchemaException naming the changes the subject's mode refuses
     */
    @PreAuthorize(ENGINEER)
    public List<SchemaChange> preview(String subject, String schemaJson) {
        return SchemaRegistry.check(current(subject), parse(schemaJson));
    }

    /**
     * Registers the subject's next version, which records are checked against from then on.
     *
     * @throws InvalidSchemaException naming the field: no notes, not JSON, not a schema, or nothing changed
     * @throws IncompatibleSchemaException naming the changes the subject's mode refuses
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public SchemaVersion register(String subject, String schemaJson, String notes) {
        String why = notes == null ? "" : notes.strip();
        if (why.length() < 3) {
            throw new InvalidSchemaException("notes", "Say what this version changes and why (at least 3 characters)");
        }
        JsonNode schema = parse(schemaJson);
        rows.lock(subject);
        SchemaSubject current = stored().stream()
                .filter(s -> s.name().equals(subject))
                .findFirst()
                .orElseThrow(() -> new InvalidSchemaException("subject", "There is no subject " + subject));
        List<SchemaChange> changes = SchemaRegistry.check(current, schema);
        if (changes.isEmpty()) {
            throw new InvalidSchemaException(
                    "schema", "This is the same as version " + current.latest().version() + ": nothing to register");
        }
        int version = current.versions().size() + 1;
        String actor = CurrentTenant.actor();
        rows.insert(subject, version, JSON.writeValueAsString(schema), why, actor);
        events.publishEvent(new SchemaChanged(
                CurrentTenant.home(),
                actor,
                "schema.registered",
                subject,
                version,
                Map.of(
                        "notes",
                        why,
                        "changes",
                        String.join(
                                "; ",
                                changes.stream().map(SchemaChange::description).toList()))));
        return new SchemaVersion(
                subject, version, schema, why, VersionStatus.ACTIVE, new Stamp(actor, Instant.now()), null);
    }

    /**
     * Moves a version to the next step of its life: active → deprecated (announced) → dual-published (its successor
     * is published beside it) → removed (no longer accepted).
     *
     * @throws InvalidSchemaException when it is removed already, or has no usable successor to dual-publish beside
     *     or to leave in its place
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public SchemaVersion moveOn(String subject, int version) {
        rows.lock(subject);
        SchemaSubject current = stored().stream()
                .filter(s -> s.name().equals(subject))
                .findFirst()
                .orElseThrow(() -> new InvalidSchemaException("subject", "There is no subject " + subject));
        SchemaVersion target = current.version(version)
                .orElseThrow(() -> new InvalidSchemaException("version", subject + " has no version " + version));
        VersionStatus next = target.status()
                .next()
                .orElseThrow(() -> new InvalidSchemaException("version", subject + " v" + version + " is removed"));
        boolean successor =
                current.versions().stream().anyMatch(v -> v.version() > version && v.status() == VersionStatus.ACTIVE);
        if (next != VersionStatus.DEPRECATED && !successor) {
            throw new InvalidSchemaException(
                    "version",
                    "Register a newer version of " + subject + " first: v" + version + " can be "
                            + next.label().toLowerCase(java.util.Locale.ROOT)
                            + " only with an active successor to take its place");
        }
        String actor = CurrentTenant.actor();
        rows.setStatus(subject, version, next, actor);
        events.publishEvent(new SchemaChanged(
                CurrentTenant.home(),
                actor,
                "schema." + next.name().toLowerCase(java.util.Locale.ROOT),
                subject,
                version,
                Map.of("status.before", target.status().label(), "status", next.label())));
        return target.movedTo(next, new Stamp(actor, Instant.now()));
    }

    private SchemaSubject current(String subject) {
        return registry.subject(subject)
                .orElseThrow(() -> new InvalidSchemaException("subject", "There is no subject " + subject));
    }

    private List<SchemaSubject> stored() {
        return RegisteredSchemas.merge(registry.shipped(), rows.registered(), rows.statuses());
    }

    private static JsonNode parse(String schemaJson) {
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaJson == null ? "" : schemaJson);
        } catch (JacksonException e) {
            throw new InvalidSchemaException(
                    "schema",
                    "Not JSON: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        if (schema == null || !schema.isObject()) {
            throw new InvalidSchemaException("schema", "A JSON Schema is an object ({ ... })");
        }
        List<JsonSchemas.Problem> problems = JsonSchemas.schemaProblems(schema);
        if (!problems.isEmpty()) {
            throw new InvalidSchemaException(
                    "schema",
                    "Not a JSON Schema: "
                            + String.join(
                                    "; ",
                                    problems.stream()
                                            .map(JsonSchemas.Problem::toString)
                                            .toList()));
        }
        JsonSchemas.compile(schema);
        return schema;
    }
}
