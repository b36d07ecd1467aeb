package io.patchbay.validation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule on a field of the mapped record (a top-level field of the entity). Exactly one of its checks is set.
 *
 * @param unique no two records of one batch (a page, a sample) have the same value
 * @param allowed the only values the field may have (when it has one)
 * @param references an existing core record's entity and field, as {@code company.name}: some record of that entity
 *     must have this field's value there
 */
public record ValidationRule(
        String field,
        boolean unique,
        List<String> allowed,
        @Nullable String references) {

    public ValidationRule {
        allowed = List.copyOf(allowed);
    }

    public static ValidationRule unique(String field) {
        return new ValidationRule(field, true, List.of(), null);
    }

    public static ValidationRule allowed(String field, List<String> values) {
        return new ValidationRule(field, false, values, null);
    }

    public static ValidationRule references(String field, String entityAndField) {
        return new ValidationRule(field, false, List.of(), entityAndField);
    }

    /** The entity a reference names ({@code company} of {@code company.name}). */
    public String referencedEntity() {
        String target = java.util.Objects.requireNonNull(references);
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    /** The field a reference is looked up by ({@code name} of {@code company.name}). */
    public String referencedField() {
        String target = java.util.Objects.requireNonNull(references);
        int dot = target.lastIndexOf('.');
        return dot < 0 ? field : target.substring(dot + 1);
    }

    /** The rule as a person reads it. */
    public String describe() {
        if (unique) {
            return field + " is unique";
        }
        if (references != null) {
            return field + " names an existing " + references;
        }
        return field + " is one of " + String.join(", ", allowed);
    }
}
