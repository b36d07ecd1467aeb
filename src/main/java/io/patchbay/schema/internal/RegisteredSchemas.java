package io.patchbay.schema.internal;

import io.patchbay.schema.SchemaSubject;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.schema.SchemaVersion.Stamp;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;

/**
 * The registry as it stands: the shipped subjects, each followed by the versions registered at run time, and every
 * version at the step of its life an engineer last moved it to (a version only moves forward, so a step shipped
 * further along than the stored one stays).
 */
public final class RegisteredSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegisteredSchemas() {}

    /**
     * @throws IllegalStateException when the build ships a version number already registered at run time: the
     *     registered one must first be added to the shipped files (ADR 13)
     */
    public static List<SchemaSubject> merge(
            List<SchemaSubject> shipped,
            List<SchemaVersionRepository.Registered> registered,
            List<SchemaVersionRepository.StatusChange> statuses) {
        List<SchemaSubject> subjects = new ArrayList<>();
        for (SchemaSubject subject : shipped) {
            List<SchemaVersion> versions = new ArrayList<>(subject.versions());
            for (var row : registered) {
                if (!row.subject().equals(subject.name())) {
                    continue;
                }
                if (row.version() != versions.size() + 1) {
                    throw new IllegalStateException("Schema " + subject.name() + " version " + row.version()
                            + " was registered at run time, and this build ships " + versions.size()
                            + " versions of it: add the registered version to the shipped files first");
                }
                versions.add(new SchemaVersion(
                        row.subject(),
                        row.version(),
                        JSON.readTree(row.schemaJson()),
                        row.notes(),
                        io.patchbay.schema.VersionStatus.ACTIVE,
                        new Stamp(row.registeredBy(), row.registeredAt()),
                        null));
            }
            for (var change : statuses) {
                if (!change.subject().equals(subject.name())) {
                    continue;
                }
                versions.replaceAll(version ->
                        version.version() == change.version() && change.status().compareTo(version.status()) > 0
                                ? version.movedTo(change.status(), new Stamp(change.changedBy(), change.changedAt()))
                                : version);
            }
            subjects.add(subject.withVersions(versions));
        }
        return List.copyOf(subjects);
    }
}
