package io.patchbay.schema;

/**
 * One difference between two versions of a schema, in words, and which promise it breaks.
 *
 * @param path where it is, as a JSON pointer into the records ({@code /email}, {@code /lines/*&#47;sku}); {@code /}
 *     for the record itself
 * @param breaksBackward a record valid under the previous version may be refused by the new one
 * @param breaksForward a record valid under the new version may be refused by the previous one
 */
public record SchemaChange(String path, Kind kind, String description, boolean breaksBackward, boolean breaksForward) {

    /** What kind of change it is, for grouping and badges. */
    public enum Kind {
        FIELD_ADDED("Field added"),
        FIELD_REMOVED("Field removed"),
        REQUIRED_ADDED("New required field"),
        REQUIRED_REMOVED("No longer required"),
        TYPE_NARROWED("Type narrowed"),
        TYPE_WIDENED("Type widened"),
        TYPE_CHANGED("Type changed"),
        VALUES_NARROWED("Allowed values narrowed"),
        VALUES_WIDENED("Allowed values widened"),
        CONSTRAINT_TIGHTENED("Constraint tightened"),
        CONSTRAINT_LOOSENED("Constraint loosened"),
        CLOSED("Unknown fields refused"),
        OPENED("Unknown fields allowed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether nothing either way depends on it. */
    public boolean harmless() {
        return !breaksBackward && !breaksForward;
    }

    @Override
    public String toString() {
        return description;
    }
}
