package io.patchbay.schema;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One version of a subject: its JSON Schema, why it was made, and where it is in its life.
 *
 * @param registered who registered it at run time, and when; null for a version shipped with the build
 * @param moved who last moved it on in its life, and when; null while it is where it started
 */
public record SchemaVersion(
        String subject,
        int version,
        JsonNode schema,
        String notes,
        VersionStatus status,
        @Nullable Stamp registered,
        @Nullable Stamp moved) {

    public SchemaVersion {
        schema = schema.deepCopy();
    }

    /** A version shipped with the build. */
    public static SchemaVersion shipped(
            String subject, int version, JsonNode schema, String notes, VersionStatus status) {
        return new SchemaVersion(subject, version, schema, notes, status, null, null);
    }

    /** The schema, to read (a copy: versions never change once registered). */
    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }

    public SchemaVersion movedTo(VersionStatus next, Stamp stamp) {
        return new SchemaVersion(subject, version, schema, notes, next, registered, stamp);
    }

    /** Who did something, and when. */
    public record Stamp(String by, Instant at) {}
}
