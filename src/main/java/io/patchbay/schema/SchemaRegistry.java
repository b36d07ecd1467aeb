package io.patchbay.schema;

import com.networknt.schema.Schema;
import io.patchbay.schema.internal.SchemaComparison;
import io.patchbay.schema.internal.ShippedSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The canonical entities and event types, versioned: the shipped ones, and (through {@link SchemaVersions}) those
 * registered at run time. Records are checked against their entity's newest usable version; a new version is checked
 * against the newest under the subject's compatibility mode. Reads are from memory: they are on every record's path.
 */
@Service
public class SchemaRegistry {

    private final List<SchemaSubject> shipped;
    private volatile Snapshot snapshot;

    /** The shipped subjects; public for tests that build services without Spring. */
    public SchemaRegistry() {
        this(ShippedSchemas.load());
    }

    SchemaRegistry(List<SchemaSubject> subjects) {
        this.shipped = List.copyOf(subjects);
        this.snapshot = Snapshot.of(shipped);
    }

    public List<SchemaSubject> subjects() {
        return List.copyOf(snapshot.subjects().values());
    }

    public Optional<SchemaSubject> subject(String name) {
        return Optional.ofNullable(snapshot.subjects().get(name));
    }

    /** The subjects as the build ships them, before anything registered at run time. */
    List<SchemaSubject> shipped() {
        return shipped;
    }

    /** The registry from now on: the shipped subjects with what was registered and moved on at run time. */
    void replace(List<SchemaSubject> subjects) {
        snapshot = Snapshot.of(subjects);
    }

    /** What changes from one version of a subject to another, each change with the promise it breaks. */
    public List<SchemaChange> diff(SchemaVersion from, SchemaVersion to) {
        return SchemaComparison.between(from.schema(), to.schema());
    }

    /**
     * What is wrong with {@code record} as the newest version of {@code entity} has it; empty when nothing is, or when
     * the entity is not in the registry (records of a free-form entity, such as a table copied as it is, are not
     * checked).
     */
    public List<JsonSchemas.Problem> problems(String entity, JsonNode record) {
        Schema schema = snapshot.latest().get(entity);
        return schema == null ? List.of() : JsonSchemas.validate(schema, record);
    }

    /**
     * Checks a candidate next version against the newest under the subject's mode.
     *
     * @return every change, harmless ones included, for the person to read
     * @throws IncompatibleSchemaException naming the changes the mode refuses
     */
    public List<SchemaChange> check(String subject, JsonNode candidate) {
        return check(
                subject(subject).orElseThrow(() -> new IllegalArgumentException("No subject " + subject)), candidate);
    }

    static List<SchemaChange> check(SchemaSubject current, JsonNode candidate) {
        String subject = current.name();
        JsonSchemas.compile(candidate);
        List<SchemaChange> changes = SchemaComparison.between(current.latest().schema(), candidate);
        List<SchemaChange> refused = current.compatibility().refused(changes);
        if (!refused.isEmpty()) {
            throw new IncompatibleSchemaException(subject, current.compatibility(), refused);
        }
        return changes;
    }

    /** Subjects by name, and each one's newest usable version compiled, swapped whole. */
    private record Snapshot(Map<String, SchemaSubject> subjects, Map<String, Schema> latest) {

        static Snapshot of(List<SchemaSubject> subjects) {
            Map<String, SchemaSubject> byName = new LinkedHashMap<>();
            Map<String, Schema> latest = new LinkedHashMap<>();
            subjects.forEach(subject -> {
                byName.put(subject.name(), subject);
                latest.put(subject.name(), JsonSchemas.compile(subject.latest().schema()));
            });
            return new Snapshot(java.util.Collections.unmodifiableMap(byName), Map.copyOf(latest));
        }
    }
}
