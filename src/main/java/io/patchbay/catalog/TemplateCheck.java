package io.patchbay.catalog;

import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.Mappings;
import io.patchbay.validation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a template must be to be offered: its connector installed, its default settings ones the connector has (never a
 * secret) and valid there, its stream one the connector reads, its mapping compiling to an entity of the registry.
 */
final class TemplateCheck {

    private final ConnectorCatalog catalog;
    private final Mappings mappings;

    TemplateCheck(ConnectorCatalog catalog, Mappings mappings) {
        this.catalog = catalog;
        this.mappings = mappings;
    }

    /** @throws IllegalStateException listing every problem, prefixed with {@code source} */
    void check(String source, Template template) {
        List<String> problems = problems(template);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(source + " (" + template.reference() + "): " + String.join("; ", problems));
        }
    }

    List<String> problems(Template template) {
        var connector = catalog.connector(template.connector());
        if (connector.isEmpty()) {
            return List.of("there is no connector " + template.connector());
        }
        ConnectorSpec spec = connector.get().spec();
        List<String> problems = new ArrayList<>();
        Map<String, ConnectorSpec.SettingSpec> settings =
                spec.settings().stream().collect(Collectors.toMap(ConnectorSpec.SettingSpec::key, s -> s));
        Set<String> given = Set.copyOf(template.defaultSettings().propertyNames());
        for (String key : given) {
            ConnectorSpec.SettingSpec setting = settings.get(key);
            if (setting == null) {
                problems.add("settings." + key + ": " + template.connector() + " has no setting '" + key + "'");
            } else if (setting.secret()) {
                problems.add("settings." + key + ": a template never carries a secret");
            }
        }
        catalog.problems(template.connector(), new ConnectorSettings(template.defaultSettings(), Map.of())).stream()
                .filter(problem -> given.contains(problem.field()))
                .forEach(problem -> problems.add("settings." + problem.field() + ": " + problem.message()));
        for (String key : template.locked()) {
            if (!given.contains(key)) {
                problems.add("locked: '" + key + "' is locked but the template gives it no value");
            }
        }
        TemplateGuardrails rules = template.guardrails();
        rules.maxSettings().forEach((key, max) -> {
            ConnectorSpec.SettingSpec setting = settings.get(key);
            if (setting == null || !"integer".equals(setting.type())) {
                problems.add("guardrails.maxSettings." + key + ": " + template.connector() + " has no whole-number "
                        + "setting '" + key + "'");
            } else if (template.defaultSettings().path(key).asInt(0) > max) {
                problems.add("guardrails.maxSettings." + key + ": the template's own " + key + " is above " + max);
            }
        });
        if (rules.minScheduleMinutes() != null && template.defaultScheduleMinutes() < rules.minScheduleMinutes()) {
            problems.add("guardrails.minScheduleMinutes: the template's own schedule (every "
                    + template.defaultScheduleMinutes() + " min) is below it");
        }
        if (!rules.mustMap().isEmpty()) {
            java.util.Set<String> fields =
                    template.entity() == null ? java.util.Set.of() : mappings.fields(template.entity());
            rules.mustMap().stream()
                    .filter(field -> !fields.contains(field))
                    .forEach(field -> problems.add("guardrails.mustMap: '" + field + "' is not a field of "
                            + (template.entity() == null ? "a canonical entity" : "the entity " + template.entity())));
        }
        validationProblems(template, problems);
        String stream = template.stream();
        if (stream != null
                && !spec.streams().isEmpty()
                && spec.streams().stream().noneMatch(s -> s.name().equals(stream))) {
            problems.add("stream.name: " + template.connector() + " has no stream '" + stream + "'");
        }
        if (template.destination()) {
            destinationProblems(template, spec, problems);
        } else if (template.mapping() != null) {
            if (template.entity() == null) {
                problems.add("stream.entity: a mapping needs the entity it maps to");
            } else {
                try {
                    mappings.compile(template.entity(), template.mapping());
                } catch (InvalidMappingException e) {
                    problems.add("stream.mapping: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * A destination writes core records of a registry entity to a stream the connector can write, its mapping making
     * of each what the stream accepts.
     */
    private void destinationProblems(Template template, ConnectorSpec spec, List<String> problems) {
        if (template.entity() == null || mappings.fields(template.entity()).isEmpty()) {
            problems.add("stream.entity: a destination names the entity of the registry whose records it writes");
        }
        var stream = spec.streams().stream()
                .filter(s -> s.name().equals(template.stream()))
                .findFirst();
        if (stream.isEmpty() || !stream.get().writable()) {
            problems.add("stream.name: a destination names a stream " + template.connector() + " can write to"
                    + spec.streams().stream()
                            .filter(ConnectorSpec.StreamSpec::writable)
                            .map(ConnectorSpec.StreamSpec::name)
                            .reduce((a, b) -> a + ", " + b)
                            .map(names -> " (" + names + ")")
                            .orElse(", and it writes none"));
            return;
        }
        try {
            mappings.compileToStream(stream.get().name(), stream.get().writeSchema(), template.mapping());
        } catch (InvalidMappingException e) {
            problems.add("stream.mapping: " + e.getMessage());
        }
    }

    /**
     * Each rule names a field the entity's schema has (when the entity is in the registry; a table copied as it is
     * has no schema to check against), and a reference names an entity of the registry.
     */
    private void validationProblems(Template template, List<String> problems) {
        String entity = template.entity();
        Set<String> fields = entity == null ? Set.of() : mappings.fields(entity);
        for (io.patchbay.validation.MatchRule rule : template.identity().match()) {
            if (!fields.isEmpty() && !fields.contains(rule.field())) {
                problems.add("identity.match: '" + rule.field() + "' is not a field of the entity " + entity
                        + " (it has " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
        for (ValidationRule rule : template.validation().rules()) {
            if (!fields.isEmpty() && !fields.contains(rule.field())) {
                problems.add("validation.rules: '" + rule.field() + "' is not a field of the entity " + entity
                        + " (it has " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
            if (rule.references() == null) {
                continue;
            }
            Set<String> target = mappings.fields(rule.referencedEntity());
            if (target.isEmpty()) {
                problems.add("validation.rules: " + rule.field() + " references '" + rule.referencedEntity()
                        + "', which is no entity of the schema registry");
            } else if (!target.contains(rule.referencedField())) {
                problems.add("validation.rules: " + rule.field() + " references " + rule.referencedEntity()
                        + ", which has no field '" + rule.referencedField() + "' to look it up by");
            }
        }
    }
}
