package io.patchbay.schema;

import tools.jackson.databind.JsonNode;

/** One version of a subject: its JSON Schema, why it was made, and where it is in its life. */
public record SchemaVersion(String subject, int version, JsonNode schema, String notes, VersionStatus status) {

    public SchemaVersion {
        schema = schema.deepCopy();
    }

    /** The schema, to read (a copy: versions never change once registered). */
    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
