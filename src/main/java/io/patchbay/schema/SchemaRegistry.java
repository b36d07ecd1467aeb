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
 * The canonical entities and event types, versioned. Records are checked against their entity's newest usable version;
 * a new version is checked against the newest under the subject's compatibility mode.
 */
@Service
public class SchemaRegistry {

    private final Map<String, SchemaSubject> subjects = new LinkedHashMap<>();
    private final Map<String, Schema> latest = new LinkedHashMap<>();

    /** The shipped subjects; public for tests that build services without Spring. */
    public SchemaRegistry() {
        this(ShippedSchemas.load());
    }

    SchemaRegistry(List<SchemaSubject> subjects) {
        subjects.forEach(subject -> {
            this.subjects.put(subject.name(), subject);
            latest.put(subject.name(), JsonSchemas.compile(subject.latest().schema()));
        });
    }

    public List<SchemaSubject> subjects() {
        return List.copyOf(subjects.values());
    }

    public Optional<SchemaSubject> subject(String name) {
        return Optional.ofNullable(subjects.get(name));
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
        Schema schema = latest.get(entity);
        return schema == null ? List.of() : JsonSchemas.validate(schema, record);
    }

    /**
     * Checks a candidate next version against the newest under the subject's mode.
     *
     * @return every change, harmless ones included, for the person to read
     * @throws IncompatibleSchemaException naming the changes the mode refuses
     */
    public List<SchemaChange> check(String subject, JsonNode candidate) {
        SchemaSubject current =
                subject(subject).orElseThrow(() -> new IllegalArgumentException("No subject " + subject));
        JsonSchemas.compile(candidate);
        List<SchemaChange> changes = SchemaComparison.between(current.latest().schema(), candidate);
        List<SchemaChange> refused = current.compatibility().refused(changes);
        if (!refused.isEmpty()) {
            throw new IncompatibleSchemaException(subject, current.compatibility(), refused);
        }
        return changes;
    }
}
