package io.patchbay.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One thing that differs between two versions of a template, as the person deciding to upgrade reads it. */
public record TemplateChange(String what, String before, String after) {

    static List<TemplateChange> between(Template from, Template to) {
        List<TemplateChange> changes = new ArrayList<>();
        add(changes, "Connector", from.connector(), to.connector());
        TreeSet<String> keys = new TreeSet<>(from.defaultSettings().propertyNames());
        keys.addAll(to.defaultSettings().propertyNames());
        for (String key : keys) {
            add(
                    changes,
                    "Setting " + key,
                    text(from.defaultSettings().get(key)),
                    text(to.defaultSettings().get(key)));
        }
        add(
                changes,
                "Locked settings",
                String.join(", ", new TreeSet<>(from.locked())),
                String.join(", ", new TreeSet<>(to.locked())));
        add(changes, "Guardrails", rules(from.guardrails()), rules(to.guardrails()));
        add(changes, "Validation", validation(from.validation()), validation(to.validation()));
        add(changes, "Identity", from.identity().describe(), to.identity().describe());
        add(changes, "Stream", from.stream(), to.stream());
        add(
                changes,
                "Direction",
                from.direction().name().toLowerCase(java.util.Locale.ROOT),
                to.direction().name().toLowerCase(java.util.Locale.ROOT));
        add(changes, "Core entity", from.entity(), to.entity());
        add(changes, "Mapping", strip(from.mapping()), strip(to.mapping()));
        add(
                changes,
                "Default schedule (minutes)",
                String.valueOf(from.defaultScheduleMinutes()),
                String.valueOf(to.defaultScheduleMinutes()));
        return changes;
    }

    private static void add(
            List<TemplateChange> changes, String what, @Nullable String before, @Nullable String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new TemplateChange(what, before == null ? "–" : before, after == null ? "–" : after));
        }
    }

    /** The rules as a person reads them. */
    public static String rules(TemplateGuardrails rules) {
        List<String> parts = new ArrayList<>();
        if (rules.minScheduleMinutes() != null) {
            parts.add("sync at most every " + rules.minScheduleMinutes() + " min");
        }
        new java.util.TreeMap<>(rules.maxSettings()).forEach((key, max) -> parts.add(key + " at most " + max));
        if (!rules.mustMap().isEmpty()) {
            parts.add("must map " + String.join(", ", rules.mustMap()));
        }
        if (rules.noPersonalData()) {
            parts.add("no personal data");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** The rules and the quarantine threshold as a person reads them. */
    public static String validation(io.patchbay.validation.ValidationRules validation) {
        List<String> parts = new ArrayList<>();
        validation.rules().forEach(rule -> parts.add(rule.describe()));
        parts.add(
                "degraded above " + io.patchbay.validation.ValidationRules.percent(validation.quarantineAbovePercent())
                        + " % quarantined");
        return String.join("; ", parts);
    }

    private static @Nullable String text(@Nullable JsonNode value) {
        return value == null ? null : value.isString() ? value.asString() : value.toString();
    }

    private static @Nullable String strip(@Nullable String text) {
        return text == null ? null : text.strip();
    }
}
