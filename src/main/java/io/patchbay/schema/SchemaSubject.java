package io.patchbay.schema;

import java.util.List;
import java.util.Optional;

/** A named, versioned schema: a canonical entity or an event type, oldest version first. */
public record SchemaSubject(
        String name,
        SubjectKind kind,
        String title,
        String description,
        Compatibility compatibility,
        List<SchemaVersion> versions) {

    public SchemaSubject {
        versions = List.copyOf(versions);
    }

    /** The newest version records and events may use. */
    public SchemaVersion latest() {
        return versions.reversed().stream()
                .filter(v -> v.status().usable())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Every version of " + name + " is removed"));
    }

    /** The same subject with {@code versions} in place of its own. */
    public SchemaSubject withVersions(List<SchemaVersion> versions) {
        return new SchemaSubject(name, kind, title, description, compatibility, versions);
    }

    public Optional<SchemaVersion> version(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst();
    }
}
