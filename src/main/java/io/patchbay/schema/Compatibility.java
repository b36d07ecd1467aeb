package io.patchbay.schema;

import java.util.List;

/**
 * What a subject promises its readers when a new version is registered, as schema registries name it. Backward: the
 * new version accepts everything the previous one did, so readers can move first. Forward: the previous version
 * accepts everything the new one produces, so writers can move first. Full: both. None: no promise.
 */
public enum Compatibility {
    BACKWARD("Backward", "A new version accepts every record the previous one did."),
    FORWARD("Forward", "The previous version accepts every record a new one allows."),
    FULL("Full", "Backward and forward: records move freely between consecutive versions."),
    NONE("None", "Versions are not checked against each other.");

    private final String label;
    private final String meaning;

    Compatibility(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether a version with this change may follow the previous one. */
    public boolean allows(SchemaChange change) {
        return switch (this) {
            case BACKWARD -> !change.breaksBackward();
            case FORWARD -> !change.breaksForward();
            case FULL -> !change.breaksBackward() && !change.breaksForward();
            case NONE -> true;
        };
    }

    /** The changes this mode refuses, in the order given. */
    public List<SchemaChange> refused(List<SchemaChange> changes) {
        return changes.stream().filter(change -> !allows(change)).toList();
    }
}
