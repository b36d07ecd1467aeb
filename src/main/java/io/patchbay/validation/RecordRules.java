package io.patchbay.validation;

import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.mapping.RecordProblem.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies a template's rules to a batch of mapped records: CPU only, for the checks that need nothing but the batch
 * (unique, allowed). References need the core store: {@link #referenced} says which values to look up there, and
 * {@link #withReferences} applies what was found.
 */
public final class RecordRules {

    private final List<ValidationRule> rules;

    public RecordRules(ValidationRules rules) {
        this.rules = rules.rules();
    }

    public boolean none() {
        return rules.isEmpty();
    }

    /** The batch with what breaks the unique and allowed rules added to each record's problems. */
    public List<MappedRecord> check(List<MappedRecord> batch) {
        if (rules.isEmpty()) {
            return batch;
        }
        List<List<RecordProblem>> found = new ArrayList<>(batch.size());
        batch.forEach(record -> found.add(new ArrayList<>()));
        for (ValidationRule rule : rules) {
            if (rule.unique()) {
                unique(rule, batch, found);
            } else if (!rule.allowed().isEmpty()) {
                for (int i = 0; i < batch.size(); i++) {
                    String value = text(batch.get(i).data().get(rule.field()));
                    if (value != null && !rule.allowed().contains(value)) {
                        found.get(i)
                                .add(new RecordProblem(
                                        "/" + rule.field(),
                                        Kind.RULE,
                                        "is not one of the allowed values (" + String.join(", ", rule.allowed())
                                                + ")"));
                    }
                }
            }
        }
        List<MappedRecord> checked = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            checked.add(batch.get(i).withProblems(found.get(i)));
        }
        return checked;
    }

    /** The reference rules, each with the values the batch's valid records give its field. */
    public Map<ValidationRule, Set<String>> referenced(List<MappedRecord> batch) {
        Map<ValidationRule, Set<String>> lookups = new HashMap<>();
        for (ValidationRule rule : rules) {
            if (rule.references() == null) {
                continue;
            }
            Set<String> values = new HashSet<>();
            batch.stream()
                    .filter(MappedRecord::valid)
                    .map(record -> text(record.data().get(rule.field())))
                    .filter(java.util.Objects::nonNull)
                    .forEach(values::add);
            if (!values.isEmpty()) {
                lookups.put(rule, values);
            }
        }
        return lookups;
    }

    /** The batch with a problem on each record whose reference {@code lookup} does not find. */
    public List<MappedRecord> withReferences(List<MappedRecord> batch, ReferenceLookup lookup) {
        Map<ValidationRule, Set<String>> found = new HashMap<>();
        referenced(batch)
                .forEach((rule, values) ->
                        found.put(rule, lookup.existing(rule.referencedEntity(), rule.referencedField(), values)));
        return withReferences(batch, found);
    }

    /** The batch with a problem on each record whose reference was not found among {@code existing}. */
    public static List<MappedRecord> withReferences(
            List<MappedRecord> batch, Map<ValidationRule, Set<String>> existing) {
        if (existing.isEmpty()) {
            return batch;
        }
        List<MappedRecord> checked = new ArrayList<>(batch.size());
        for (MappedRecord record : batch) {
            List<RecordProblem> missing = new ArrayList<>();
            existing.forEach((rule, found) -> {
                String value = text(record.data().get(rule.field()));
                if (value != null && !found.contains(value)) {
                    missing.add(new RecordProblem(
                            "/" + rule.field(),
                            Kind.RULE,
                            "names no existing " + rule.referencedEntity() + " (by " + rule.referencedField() + ")"));
                }
            });
            checked.add(record.withProblems(missing));
        }
        return checked;
    }

    private static void unique(ValidationRule rule, List<MappedRecord> batch, List<List<RecordProblem>> found) {
        Map<String, Integer> seen = new HashMap<>();
        Set<Integer> duplicates = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String value = text(batch.get(i).data().get(rule.field()));
            if (value == null) {
                continue;
            }
            // one external record twice in a batch (two webhooks about it) is one record, not a duplicate
            Integer first = seen.putIfAbsent(value, i);
            if (first != null
                    && !batch.get(first).externalId().equals(batch.get(i).externalId())) {
                duplicates.add(first);
                duplicates.add(i);
            }
        }
        duplicates.forEach(
                i -> found.get(i).add(new RecordProblem("/" + rule.field(), Kind.RULE, "is not unique in the batch")));
    }

    private static @Nullable String text(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
