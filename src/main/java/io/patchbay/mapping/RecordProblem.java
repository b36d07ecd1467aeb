package io.patchbay.mapping;

import java.util.Locale;

/**
 * One thing wrong with a record on its way to the core store: where (a JSON pointer into the mapped record; {@code /}
 * for the whole record), what kind of thing, and in words. Identical reasons group: "412 records: /email is not an
 * email".
 */
public record RecordProblem(String pointer, Kind kind, String message) {

    /** What kind of check the record failed. */
    public enum Kind {
        /** The mapping could not turn the record into the entity's fields. */
        MAPPING("Mapping"),
        /** The mapping went past its {@link io.patchbay.mapping.MappingBudget} on the record. */
        BUDGET("Mapping budget"),
        REQUIRED("Required field"),
        TYPE("Type"),
        FORMAT("Format"),
        /** Another part of the entity's schema: a bound, an allowed value, an unknown field. */
        SCHEMA("Schema"),
        /** One of the template's validation rules. */
        RULE("Template rule"),
        /** The destination system refused it. */
        DESTINATION("Refused by the destination");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind of a JSON Schema keyword's failure. */
        public static Kind ofKeyword(String keyword) {
            return switch (keyword.toLowerCase(Locale.ROOT)) {
                case "required" -> REQUIRED;
                case "type" -> TYPE;
                case "format" -> FORMAT;
                default -> SCHEMA;
            };
        }
    }

    /** The reason as records group by it: where and what, the same words for the same fault. */
    public String reason() {
        return "/".equals(pointer) ? message : pointer + ": " + message;
    }

    @Override
    public String toString() {
        return reason();
    }
}
