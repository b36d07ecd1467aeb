package io.patchbay.schema.internal;

import io.patchbay.schema.SchemaChange;
import io.patchbay.schema.SchemaChange.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The differences between two versions of a JSON Schema, each with the promise it breaks. It reads the keywords our
 * schemas use (type, properties, required, additionalProperties, items, enum, const, format, the length and range
 * bounds, pattern) and errs on the side of calling a change breaking: a keyword it does not know that differs is a
 * change in both directions.
 *
 * <p>Written here rather than taken from a library: the JSON Schema compatibility checkers that exist are Confluent's
 * (community licence, Kafka-bound) or JavaScript; this is the structural subset our canonical schemas need.
 */
public final class SchemaComparison {

    private static final Set<String> KNOWN = Set.of(
            "$schema",
            "$id",
            "title",
            "description",
            "examples",
            "default",
            "x-pii",
            "deprecated",
            "readOnly",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "const",
            "format",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minItems",
            "maxItems",
            "pattern");
    private static final List<String> LOWER_BOUNDS = List.of("minLength", "minimum", "exclusiveMinimum", "minItems");
    private static final List<String> UPPER_BOUNDS = List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems");

    private final List<SchemaChange> changes = new ArrayList<>();

    private SchemaComparison() {}

    /** Every change from {@code previous} to {@code next}, in document order. */
    public static List<SchemaChange> between(JsonNode previous, JsonNode next) {
        SchemaComparison comparison = new SchemaComparison();
        comparison.compare("", previous, next);
        return List.copyOf(comparison.changes);
    }

    private void compare(String path, JsonNode before, JsonNode after) {
        compareTypes(path, before, after);
        compareValues(path, before, after);
        compareFormat(path, before, after);
        compareBounds(path, before, after);
        compareUnknown(path, before, after);
        if (before.has("properties") || after.has("properties") || isObject(before) || isObject(after)) {
            compareObjects(path, before, after);
        }
        if (before.has("items") || after.has("items")) {
            compare(path + "/*", before.path("items"), after.path("items"));
        }
    }

    private void compareTypes(String path, JsonNode before, JsonNode after) {
        Set<String> was = types(before);
        Set<String> is = types(after);
        if (was == null && is == null) {
            return;
        }
        if (was == null) {
            add(path, Kind.TYPE_NARROWED, where(path) + " must now be " + String.join(" or ", is), true, false);
            return;
        }
        if (is == null) {
            add(path, Kind.TYPE_WIDENED, where(path) + " may now be of any type", false, true);
            return;
        }
        Set<String> removed = new TreeSet<>();
        for (String type : was) {
            if (!accepts(is, type)) {
                removed.add(type);
            }
        }
        Set<String> added = new TreeSet<>();
        for (String type : is) {
            if (!accepts(was, type)) {
                added.add(type);
            }
        }
        String change = where(path) + ": " + String.join(" or ", was) + " → " + String.join(" or ", is);
        if (!removed.isEmpty() && !added.isEmpty()) {
            add(path, Kind.TYPE_CHANGED, "Type changed: " + change, true, true);
        } else if (!removed.isEmpty()) {
            add(path, Kind.TYPE_NARROWED, "Type narrowed: " + change, true, false);
        } else if (!added.isEmpty()) {
            add(path, Kind.TYPE_WIDENED, "Type widened: " + change, false, true);
        }
    }

    private void compareObjects(String path, JsonNode before, JsonNode after) {
        JsonNode was = before.path("properties");
        JsonNode is = after.path("properties");
        Set<String> requiredBefore = strings(before.path("required"));
        Set<String> requiredAfter = strings(after.path("required"));
        boolean closedBefore = closed(before);
        boolean closedAfter = closed(after);
        for (String name : was.propertyNames()) {
            if (!is.has(name)) {
                String field = path + "/" + name;
                // a closed new version refuses old records carrying the field; an open one lets anything in its place
                add(
                        field,
                        Kind.FIELD_REMOVED,
                        "Field removed: " + field,
                        closedAfter,
                        requiredBefore.contains(name) || !closedAfter);
            }
        }
        for (String name : is.propertyNames()) {
            String field = path + "/" + name;
            if (!was.has(name)) {
                if (requiredAfter.contains(name)) {
                    add(field, Kind.REQUIRED_ADDED, "New required field: " + field, true, closedBefore);
                } else {
                    add(field, Kind.FIELD_ADDED, "Field added: " + field, !closedBefore, closedBefore);
                }
            } else {
                compare(field, was.get(name), is.get(name));
            }
        }
        for (String name : requiredAfter) {
            if (!requiredBefore.contains(name) && was.has(name)) {
                String field = path + "/" + name;
                add(field, Kind.REQUIRED_ADDED, "Now required: " + field, true, false);
            }
        }
        for (String name : requiredBefore) {
            if (!requiredAfter.contains(name) && is.has(name)) {
                String field = path + "/" + name;
                add(field, Kind.REQUIRED_REMOVED, "No longer required: " + field, false, true);
            }
        }
        if (!closedBefore && closedAfter) {
            add(path, Kind.CLOSED, where(path) + " now refuses fields it does not name", true, false);
        } else if (closedBefore && !closedAfter) {
            add(path, Kind.OPENED, where(path) + " now allows fields it does not name", false, true);
        }
    }

    private void compareValues(String path, JsonNode before, JsonNode after) {
        Set<String> was = allowedValues(before);
        Set<String> is = allowedValues(after);
        if (was == null && is == null) {
            return;
        }
        if (was == null) {
            add(path, Kind.VALUES_NARROWED, where(path) + " must now be one of " + is, true, false);
        } else if (is == null) {
            add(path, Kind.VALUES_WIDENED, where(path) + " may now take any value", false, true);
        } else {
            Set<String> removed = new LinkedHashSet<>(was);
            removed.removeAll(is);
            Set<String> added = new LinkedHashSet<>(is);
            added.removeAll(was);
            if (!removed.isEmpty()) {
                add(path, Kind.VALUES_NARROWED, where(path) + " no longer allows " + removed, true, false);
            }
            if (!added.isEmpty()) {
                add(path, Kind.VALUES_WIDENED, where(path) + " now also allows " + added, false, true);
            }
        }
    }

    private void compareFormat(String path, JsonNode before, JsonNode after) {
        String was = before.path("format").asString(null);
        String is = after.path("format").asString(null);
        if (was == null && is != null) {
            add(path, Kind.CONSTRAINT_TIGHTENED, where(path) + " must now be a valid " + is, true, false);
        } else if (was != null && is == null) {
            add(path, Kind.CONSTRAINT_LOOSENED, where(path) + " need no longer be a valid " + was, false, true);
        } else if (was != null && !was.equals(is)) {
            add(path, Kind.CONSTRAINT_TIGHTENED, where(path) + ": format " + was + " → " + is, true, true);
        }
    }

    private void compareBounds(String path, JsonNode before, JsonNode after) {
        for (String keyword : LOWER_BOUNDS) {
            compareBound(path, keyword, before.get(keyword), after.get(keyword), true);
        }
        for (String keyword : UPPER_BOUNDS) {
            compareBound(path, keyword, before.get(keyword), after.get(keyword), false);
        }
        String was = before.path("pattern").asString(null);
        String is = after.path("pattern").asString(null);
        if (was == null && is != null) {
            add(path, Kind.CONSTRAINT_TIGHTENED, where(path) + " must now match " + is, true, false);
        } else if (was != null && is == null) {
            add(path, Kind.CONSTRAINT_LOOSENED, where(path) + " need no longer match " + was, false, true);
        } else if (was != null && !was.equals(is)) {
            add(path, Kind.CONSTRAINT_TIGHTENED, where(path) + ": pattern " + was + " → " + is, true, true);
        }
    }

    private void compareBound(
            String path, String keyword, @Nullable JsonNode before, @Nullable JsonNode after, boolean lower) {
        if (before == null && after == null) {
            return;
        }
        String change = where(path) + ": " + keyword + " " + (before == null ? "none" : before.asString()) + " → "
                + (after == null ? "none" : after.asString());
        boolean tightened;
        if (before == null) {
            tightened = true;
        } else if (after == null) {
            tightened = false;
        } else {
            int order = before.decimalValue().compareTo(after.decimalValue());
            if (order == 0) {
                return;
            }
            tightened = lower ? order < 0 : order > 0;
        }
        add(path, tightened ? Kind.CONSTRAINT_TIGHTENED : Kind.CONSTRAINT_LOOSENED, change, tightened, !tightened);
    }

    private void compareUnknown(String path, JsonNode before, JsonNode after) {
        Set<String> names = new TreeSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        for (String name : names) {
            if (!KNOWN.contains(name) && !before.path(name).equals(after.path(name))) {
                add(path, Kind.TYPE_CHANGED, where(path) + ": keyword " + name + " changed", true, true);
            }
        }
    }

    private void add(String path, Kind kind, String description, boolean backward, boolean forward) {
        changes.add(new SchemaChange(path.isEmpty() ? "/" : path, kind, description, backward, forward));
    }

    private static String where(String path) {
        return path.isEmpty() ? "The record" : path;
    }

    /** The declared types, or null when any type goes. */
    private static @Nullable Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else {
            types.add(type.asString());
        }
        return types;
    }

    /** Whether a field of {@code types} takes every value of {@code type}: a number takes every integer. */
    private static boolean accepts(Set<String> types, String type) {
        return types.contains(type) || ("integer".equals(type) && types.contains("number"));
    }

    private static boolean isObject(JsonNode schema) {
        Set<String> types = types(schema);
        return types != null && types.contains("object");
    }

    private static boolean closed(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isBoolean() && !additional.booleanValue();
    }

    private static @Nullable Set<String> allowedValues(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const").toString());
        }
        JsonNode values = schema.get("enum");
        if (values == null) {
            return null;
        }
        Set<String> all = new LinkedHashSet<>();
        values.forEach(v -> all.add(v.toString()));
        return all;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> all = new LinkedHashSet<>();
        array.forEach(v -> all.add(v.asString()));
        return all;
    }
}
