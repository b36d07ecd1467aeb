package io.patchbay.schema;

/**
 * Where a schema version is in its life. A version is retired in three announced steps: deprecated (announced, still
 * the one published), dual-published (its successor is published beside it so readers can move), removed (no longer
 * published or accepted).
 */
public enum VersionStatus {
    ACTIVE("Active"),
    DEPRECATED("Deprecated"),
    DUAL_PUBLISHED("Dual-published"),
    REMOVED("Removed");

    private final String label;

    VersionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The step after this one; empty for a removed version. */
    public java.util.Optional<VersionStatus> next() {
        return this == REMOVED ? java.util.Optional.empty() : java.util.Optional.of(values()[ordinal() + 1]);
    }

    /** Whether records and events may still use it. */
    public boolean usable() {
        return this != REMOVED;
    }
}
