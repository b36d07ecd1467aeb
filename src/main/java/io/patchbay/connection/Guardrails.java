package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateGuardrails;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.internal.GuardrailExceptionRepository;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.Mapping;
import io.patchbay.mapping.Mappings;
import io.patchbay.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A template's guardrails applied to a connection: the shortest sync interval, caps on settings, fields the mapping
 * must give, no personal data. Each violation names its rule; an approved exception that has not expired waives that
 * rule for that connection. Activation, and any change to an active connection, is refused while a rule is broken and
 * not waived.
 */
@Service
public class Guardrails {

    private final TemplateLibrary library;
    private final ConnectionStore store;
    private final GuardrailExceptionRepository exceptions;
    private final Mappings mappings;
    private final SchemaRegistry schemas;

    Guardrails(
            TemplateLibrary library,
            ConnectionStore store,
            GuardrailExceptionRepository exceptions,
            Mappings mappings,
            SchemaRegistry schemas) {
        this.library = library;
        this.store = store;
        this.exceptions = exceptions;
        this.mappings = mappings;
        this.schemas = schemas;
    }

    /** What the connection breaks now, waived or not. */
    public List<GuardrailViolation> violations(Connection connection) {
        return violations(connection, connection.settings(), connection.scheduleMinutes(), connection.mapping());
    }

    /**
     * What the connection would break with these settings, schedule and own mapping (null: its template's), waived
     * or not.
     */
    public List<GuardrailViolation> violations(
            Connection connection, JsonNode settings, int scheduleMinutes, @Nullable String ownMapping) {
        Optional<Template> found = library.find(connection.templateId(), connection.templateVersion());
        if (found.isEmpty() || found.get().guardrails().none()) {
            return List.of();
        }
        Template template = found.get();
        TemplateGuardrails rules = template.guardrails();
        String by = " (rule %s of the template " + template.name() + ")";
        List<GuardrailViolation> violations = new ArrayList<>();
        if (rules.minScheduleMinutes() != null && scheduleMinutes < rules.minScheduleMinutes()) {
            violations.add(new GuardrailViolation(
                    "min-schedule",
                    "scheduleMinutes",
                    "It syncs every " + scheduleMinutes + " min; at most one sync every " + rules.minScheduleMinutes()
                            + " min is allowed" + by.formatted("min-schedule") + ".",
                    "Choose " + rules.minScheduleMinutes() + " minutes or more, or ask for an exception."));
        }
        ConnectorSpec spec = store.connector(connection).spec();
        rules.maxSettings().forEach((key, max) -> {
            JsonNode value = settings.get(key);
            if (value != null && value.canConvertToInt() && value.asInt() > max) {
                String label = spec.settings().stream()
                        .filter(s -> s.key().equals(key))
                        .map(ConnectorSpec.SettingSpec::label)
                        .findFirst()
                        .orElse(key);
                violations.add(new GuardrailViolation(
                        "max-setting:" + key,
                        key,
                        label + " is " + value.asInt() + "; at most " + max + " is allowed"
                                + by.formatted("max-setting:" + key) + ".",
                        "Set " + label + " to " + max + " or less, or ask for an exception."));
            }
        });
        if (!rules.mustMap().isEmpty() || rules.noPersonalData()) {
            given(template, connection, ownMapping, spec).ifPresent(given -> {
                for (String field : rules.mustMap()) {
                    if (!given.contains(field)) {
                        violations.add(new GuardrailViolation(
                                "must-map:" + field,
                                "mapping",
                                "The mapping does not give " + field + ", which must be mapped"
                                        + by.formatted("must-map:" + field) + ".",
                                "Map a source field to " + field + " in the mapping, or ask for an exception."));
                    }
                }
                if (rules.noPersonalData()) {
                    Set<String> personal = personalFields(template);
                    List<String> mapped =
                            given.stream().filter(personal::contains).sorted().toList();
                    if (!mapped.isEmpty()) {
                        violations.add(new GuardrailViolation(
                                "no-personal-data",
                                "mapping",
                                "The mapping gives personal data (" + String.join(", ", mapped) + "), which is not "
                                        + "allowed" + by.formatted("no-personal-data") + ".",
                                "Leave those fields out of the mapping, or ask for an exception."));
                    }
                }
            });
        }
        return violations;
    }

    /**
     * The violations no approved, unexpired exception waives.
     *
     * @see #requireMet
     */
    @Transactional(readOnly = true)
    public List<GuardrailViolation> unwaived(List<GuardrailViolation> violations, ConnectionId connection) {
        if (violations.isEmpty()) {
            return violations;
        }
        Instant now = Instant.now();
        Set<String> waived = exceptions.open(connection).stream()
                .filter(e -> e.waives(now))
                .map(GuardrailException::rule)
                .collect(Collectors.toSet());
        return violations.stream().filter(v -> !waived.contains(v.rule())).toList();
    }

    /** @throws GuardrailsBrokenException naming each rule broken and not waived */
    @Transactional(readOnly = true)
    public void requireMet(List<GuardrailViolation> violations, ConnectionId connection) {
        List<GuardrailViolation> broken = unwaived(violations, connection);
        if (!broken.isEmpty()) {
            throw new GuardrailsBrokenException(broken);
        }
    }

    /** A rule whose approved exception has expired while the connection still breaks it: it is degraded. */
    @Transactional(readOnly = true)
    public Optional<GuardrailException> lapsed(Connection connection) {
        List<GuardrailViolation> violations = violations(connection);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Set<String> broken = violations.stream().map(GuardrailViolation::rule).collect(Collectors.toSet());
        return exceptions.open(connection.id()).stream()
                .filter(e -> e.expired(now) && broken.contains(e.rule()))
                .findFirst();
    }

    private Optional<Set<String>> given(
            Template template, Connection connection, @Nullable String ownMapping, ConnectorSpec spec) {
        if (template.destination()) {
            // the fields a policy names are the entity's; a destination maps from them, not to them
            return Optional.empty();
        }
        String stream = template.streamFor(connection.stream());
        Optional<ConnectorSpec.StreamSpec> streamSpec =
                spec.streams().stream().filter(s -> s.name().equals(stream)).findFirst();
        if (streamSpec.isEmpty()) {
            return Optional.empty();
        }
        try {
            Mapping mapping =
                    mappings.compile(template.entityFor(stream), ownMapping != null ? ownMapping : template.mapping());
            return Optional.of(mapping.fieldsGiven(streamSpec.get().schema()));
        } catch (InvalidMappingException e) {
            return Optional.empty();
        }
    }

    private Set<String> personalFields(Template template) {
        if (template.entity() == null) {
            return Set.of();
        }
        return schemas.subject(template.entity())
                .map(subject -> {
                    Set<String> personal = new java.util.HashSet<>();
                    subject.latest().schema().path("properties").properties().forEach(field -> {
                        if (field.getValue().path("x-pii").asBoolean(false)) {
                            personal.add(field.getKey());
                        }
                    });
                    return personal;
                })
                .orElse(Set.of());
    }
}
