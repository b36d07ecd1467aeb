package io.patchbay.catalog.internal.templates;

import io.patchbay.base.YamlLines;
import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateGuardrails;
import io.patchbay.catalog.TemplateSource.TemplateDocument;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.MatchRule;
import io.patchbay.validation.ValidationRule;
import io.patchbay.validation.ValidationRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads templates in the template format (version {@value #FORMAT}, described in {@code docs/templates.md}): the
 * product's under {@code classpath:templates/}, and documents other modules contribute. A key the format does not
 * have, or another format version, is refused naming the line.
 */
public final class TemplateFiles {

    public static final int FORMAT = 1;

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectMapper WRITER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    private TemplateFiles() {}

    /**
     * The template as a document in the format, keys in the format's order and the mapping as a literal block: what
     * {@link #parse} reads back into an equal template.
     */
    public static String render(Template template) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("id", template.id());
        document.put("version", template.version());
        document.put("name", template.name());
        document.put("description", template.description());
        document.put("releaseNotes", template.releaseNotes());
        document.put("connector", template.connector());
        if (!template.defaultSettings().isEmpty()) {
            document.put("settings", template.defaultSettings());
        }
        if (!template.locked().isEmpty()) {
            document.put("locked", template.locked().stream().sorted().toList());
        }
        if (!template.guardrails().none()) {
            TemplateGuardrails rules = template.guardrails();
            Map<String, Object> guardrails = new LinkedHashMap<>();
            if (rules.minScheduleMinutes() != null) {
                guardrails.put("minScheduleMinutes", rules.minScheduleMinutes());
            }
            if (!rules.maxSettings().isEmpty()) {
                guardrails.put("maxSettings", new java.util.TreeMap<>(rules.maxSettings()));
            }
            if (!rules.mustMap().isEmpty()) {
                guardrails.put("mustMap", rules.mustMap());
            }
            if (rules.noPersonalData()) {
                guardrails.put("noPersonalData", true);
            }
            document.put("guardrails", guardrails);
        }
        if (!template.validation().isDefault()) {
            Map<String, Object> validation = new LinkedHashMap<>();
            if (template.validation().quarantineAbovePercent() != ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT) {
                validation.put("quarantineAbovePercent", template.validation().quarantineAbovePercent());
            }
            if (!template.validation().rules().isEmpty()) {
                validation.put(
                        "rules",
                        template.validation().rules().stream()
                                .map(TemplateFiles::rule)
                                .toList());
            }
            document.put("validation", validation);
        }
        if (!template.identity().none()) {
            document.put(
                    "identity",
                    Map.of(
                            "match",
                            template.identity().match().stream()
                                    .map(rule -> Map.of(rule.kind().word(), rule.field()))
                                    .toList()));
        }
        document.put("schedule", Map.of("minutes", template.defaultScheduleMinutes()));
        Map<String, Object> stream = new LinkedHashMap<>();
        if (template.stream() != null) {
            stream.put("name", template.stream());
        }
        if (template.destination()) {
            stream.put("direction", "destination");
        }
        if (template.entity() != null) {
            stream.put("entity", template.entity());
        }
        if (template.mapping() != null) {
            stream.put("mapping", template.mapping().strip() + "\n");
        }
        if (!stream.isEmpty()) {
            document.put("stream", stream);
        }
        return WRITER.writeValueAsString(document);
    }

    private static Map<String, Object> rule(ValidationRule rule) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("field", rule.field());
        if (rule.unique()) {
            entry.put("unique", true);
        } else if (rule.references() != null) {
            entry.put("references", rule.references());
        } else {
            entry.put("allowed", rule.allowed());
        }
        return entry;
    }

    /** The product's own templates, ordered by file name. */
    public static List<TemplateDocument> shipped() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/*.yaml");
            List<TemplateDocument> documents = new ArrayList<>();
            for (Resource file : files) {
                documents.add(read(file));
            }
            documents.sort(Comparator.comparing(TemplateDocument::source));
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one resource as a template document. */
    public static TemplateDocument read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new TemplateDocument(
                    String.valueOf(file.getFilename()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a document.
     *
     * @throws InvalidTemplateException naming the line of a key the format does not have, a missing one, or another
     *     format version
     */
    public static Template parse(TemplateDocument document) {
        TemplateFile file;
        try {
            file = YAML.readValue(document.yaml(), TemplateFile.class);
        } catch (JacksonException e) {
            throw new InvalidTemplateException(
                    document.source(), YamlLines.lineOf(e, document.yaml()), e.getOriginalMessage());
        }
        if (file.format() != FORMAT) {
            throw new InvalidTemplateException(
                    document.source(),
                    YamlLines.lineOf(document.yaml(), "format"),
                    "this is template format " + file.format() + "; this Patchbay reads format " + FORMAT);
        }
        require(document, file.id(), "id");
        require(document, file.name(), "name");
        require(document, file.connector(), "connector");
        if (file.version() < 1) {
            throw new InvalidTemplateException(
                    document.source(), YamlLines.lineOf(document.yaml(), "version"), "version must be 1 or more");
        }
        StreamSection stream = file.stream() == null ? new StreamSection(null, null, null, null) : file.stream();
        return new Template(
                file.id(),
                file.version(),
                file.name(),
                file.description() == null ? "" : file.description().trim(),
                file.releaseNotes() == null ? "" : file.releaseNotes().trim(),
                file.connector(),
                stream.name(),
                stream.direction(document),
                stream.entity(),
                stream.mapping(),
                file.settings() == null ? JsonNodeFactory.instance.objectNode() : file.settings(),
                file.locked() == null ? Set.of() : Set.copyOf(file.locked()),
                file.guardrails() == null
                        ? TemplateGuardrails.NONE
                        : file.guardrails().toGuardrails(),
                file.validation() == null
                        ? ValidationRules.DEFAULT
                        : file.validation().toRules(document),
                file.identity() == null ? IdentityRules.NONE : file.identity().toRules(document),
                file.schedule() == null ? 60 : file.schedule().minutes());
    }

    private static void require(TemplateDocument document, @Nullable String value, String key) {
        if (value == null || value.isBlank()) {
            throw new InvalidTemplateException(document.source(), 0, "'" + key + "' is missing");
        }
    }

    record TemplateFile(
            int format,
            @Nullable String id,
            int version,
            @Nullable String name,
            @Nullable String description,
            @Nullable String releaseNotes,
            @Nullable String connector,
            @Nullable ObjectNode settings,
            @Nullable List<String> locked,
            @Nullable GuardrailsSection guardrails,
            @Nullable ValidationSection validation,
            @Nullable IdentitySection identity,
            @Nullable ScheduleSection schedule,
            @Nullable StreamSection stream) {}

    record ScheduleSection(int minutes) {}

    record GuardrailsSection(
            @Nullable Integer minScheduleMinutes,
            @Nullable Map<String, Integer> maxSettings,
            @Nullable List<String> mustMap,
            @Nullable Boolean noPersonalData) {

        TemplateGuardrails toGuardrails() {
            return new TemplateGuardrails(
                    minScheduleMinutes,
                    maxSettings == null ? Map.of() : maxSettings,
                    mustMap == null ? List.of() : mustMap,
                    Boolean.TRUE.equals(noPersonalData));
        }
    }

    record ValidationSection(
            @Nullable Double quarantineAbovePercent,
            @Nullable List<RuleEntry> rules) {

        ValidationRules toRules(TemplateDocument document) {
            List<ValidationRule> parsed = new ArrayList<>();
            for (RuleEntry rule : rules == null ? List.<RuleEntry>of() : rules) {
                parsed.add(rule.toRule(document));
            }
            double percent = quarantineAbovePercent == null
                    ? ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT
                    : quarantineAbovePercent;
            if (percent < 0 || percent > 100) {
                throw new InvalidTemplateException(
                        document.source(),
                        YamlLines.lineOfPath(document.yaml(), "validation.quarantineAbovePercent"),
                        "quarantineAbovePercent is a share of records, from 0 to 100");
            }
            return new ValidationRules(parsed, percent);
        }
    }

    /** One rule: a field and exactly one of unique, allowed, references. */
    record RuleEntry(
            @Nullable String field,
            @Nullable Boolean unique,
            @Nullable List<String> allowed,
            @Nullable String references) {

        ValidationRule toRule(TemplateDocument document) {
            int checks =
                    (Boolean.TRUE.equals(unique) ? 1 : 0) + (allowed == null ? 0 : 1) + (references == null ? 0 : 1);
            if (field == null || field.isBlank() || checks != 1) {
                throw new InvalidTemplateException(
                        document.source(),
                        YamlLines.lineOfPath(document.yaml(), "validation.rules"),
                        "each validation rule names a field and exactly one of unique, allowed or references");
            }
            if (allowed != null && allowed.isEmpty()) {
                throw new InvalidTemplateException(
                        document.source(),
                        YamlLines.lineOfPath(document.yaml(), "validation.rules"),
                        "allowed lists at least one value for " + field);
            }
            return new ValidationRule(
                    field, Boolean.TRUE.equals(unique), allowed == null ? List.of() : allowed, references);
        }
    }

    /** Match rules in order, each one kind naming one field: {@code - email: email}. */
    record IdentitySection(@Nullable List<Map<String, String>> match) {

        IdentityRules toRules(TemplateDocument document) {
            List<MatchRule> rules = new ArrayList<>();
            for (Map<String, String> entry : match == null ? List.<Map<String, String>>of() : match) {
                MatchRule.Kind kind = entry.size() == 1
                        ? MatchRule.Kind.of(entry.keySet().iterator().next())
                        : null;
                String field = entry.size() == 1 ? entry.values().iterator().next() : null;
                if (kind == null || field == null || field.isBlank()) {
                    throw new InvalidTemplateException(
                            document.source(),
                            YamlLines.lineOfPath(document.yaml(), "identity.match"),
                            "each match rule is one of email, domain or key, naming a field: - email: email");
                }
                rules.add(new MatchRule(kind, field.strip()));
            }
            return new IdentityRules(rules);
        }
    }

    record StreamSection(
            @Nullable String name,
            @Nullable String direction,
            @Nullable String entity,
            @Nullable String mapping) {

        Template.Direction direction(TemplateDocument document) {
            if (direction == null || direction.equals("source")) {
                return Template.Direction.SOURCE;
            }
            if (direction.equals("destination")) {
                return Template.Direction.DESTINATION;
            }
            throw new InvalidTemplateException(
                    document.source(),
                    YamlLines.lineOfPath(document.yaml(), "stream.direction"),
                    "direction is source (records come from the stream, the default) or destination (records are"
                            + " written to it)");
        }
    }
}
