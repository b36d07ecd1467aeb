package io.patchbay.catalog;

import io.patchbay.catalog.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A versioned preset every setup starts from: a connector, default settings, the stream to read, the field mapping
 * into a core entity and a default schedule. A template without a stream lets the admin choose one at setup (a
 * database table, say); one without mappings copies every field as it is.
 */
public record Template(
        String id,
        int version,
        String name,
        String description,
        String connector,
        @Nullable String stream,
        @Nullable String entity,
        ObjectNode defaultSettings,
        List<FieldMapping> mappings,
        int defaultScheduleMinutes) {

    /** Maps an external record to the core entity; a missing required field makes it invalid, with the reason. */
    public MappedRecord map(SourceRecord record) {
        if (mappings.isEmpty()) {
            return new MappedRecord(record.externalId(), record.data().deepCopy(), List.of());
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        List<String> problems = new ArrayList<>();
        for (FieldMapping mapping : mappings) {
            JsonNode value = record.data().get(mapping.source());
            boolean missing = value == null
                    || value.isNull()
                    || (value.isString() && value.asString().isBlank());
            if (missing) {
                if (mapping.required()) {
                    problems.add(mapping.label() + " (" + mapping.source() + ") is missing");
                }
                continue;
            }
            data.set(mapping.target(), value);
        }
        return new MappedRecord(record.externalId(), data, List.copyOf(problems));
    }
}
