package io.patchbay.mapping;

import com.networknt.schema.Schema;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import io.patchbay.mapping.internal.Jackson2;
import io.patchbay.mapping.internal.Metering;
import io.patchbay.schema.JsonSchemas;
import io.patchbay.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the records of one stream become records of a core entity: a compiled JSLT expression, or none (every field
 * copied as it is). A mapped record is checked against the entity's newest schema in the registry; a field whose
 * value is null or blank text is left out, as a form leaves out a field nobody filled in. Each record is mapped on
 * the {@link MappingBudget}: past it, the record has a problem that says so. Thread-safe.
 */
public final class Mapping {

    private final String entity;
    private final @Nullable String expression;
    private final @Nullable Expression compiled;
    private final SchemaRegistry schemas;
    private final @Nullable Schema target;
    private final MappingBudget budget;

    Mapping(
            String entity,
            @Nullable String expression,
            @Nullable Expression compiled,
            SchemaRegistry schemas,
            @Nullable Schema target,
            MappingBudget budget) {
        this.budget = budget;
        this.entity = entity;
        this.expression = expression;
        this.compiled = compiled;
        this.schemas = schemas;
        this.target = target;
    }

    /** What it makes records of: a core entity, or for a destination the stream written to. */
    public String entity() {
        return entity;
    }

    /** The JSLT expression, or null when records are copied as they are. */
    public @Nullable String expression() {
        return expression;
    }

    public boolean copiesAsIs() {
        return compiled == null;
    }

    /**
     * The canonical record without the entity's schema checked: only what the mapping itself could not do. For
     * measuring what the check costs; every other caller wants {@link #apply}.
     */
    public MappedRecord applyUnchecked(String externalId, JsonNode record) {
        if (compiled == null) {
            ObjectNode copy = record instanceof ObjectNode object
                    ? object.deepCopy()
                    : JsonNodeFactory.instance.objectNode().set("value", record.deepCopy());
            return new MappedRecord(externalId, copy, List.of());
        }
        JsonNode output;
        try {
            output = Jackson2.to(Metering.apply(compiled, Jackson2.from(record), budget));
        } catch (MappingBudgetExceededException e) {
            return new MappedRecord(
                    externalId,
                    JsonNodeFactory.instance.objectNode(),
                    List.of(new RecordProblem("/", RecordProblem.Kind.BUDGET, e.getMessage())));
        } catch (JsltException e) {
            return new MappedRecord(
                    externalId,
                    JsonNodeFactory.instance.objectNode(),
                    List.of(new RecordProblem(
                            "/",
                            RecordProblem.Kind.MAPPING,
                            "The mapping failed on this record: " + e.getMessageWithoutLocation())));
        }
        if (!(output instanceof ObjectNode mapped)) {
            return new MappedRecord(
                    externalId,
                    JsonNodeFactory.instance.objectNode(),
                    List.of(new RecordProblem(
                            "/",
                            RecordProblem.Kind.MAPPING,
                            "The mapping gave "
                                    + output.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                    + ", not an object of fields.")));
        }
        List<String> blank = new ArrayList<>();
        mapped.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull() || (value.isString() && value.asString().isBlank())) {
                blank.add(field.getKey());
            }
        });
        mapped.remove(blank);
        return new MappedRecord(externalId, mapped, List.of());
    }

    /** The canonical record, with what is wrong with it (empty when nothing is). */
    public MappedRecord apply(String externalId, JsonNode record) {
        MappedRecord mapped = applyUnchecked(externalId, record);
        if (!mapped.valid()) {
            return mapped;
        }
        if (target != null) {
            // what a destination is sent is always held to what it accepts
            return mapped.withProblems(JsonSchemas.validate(target, mapped.data()).stream()
                    .map(Mapping::describe)
                    .toList());
        }
        // a record copied as it is (a table) is whatever the source has: there is no mapping to hold to a schema
        if (compiled == null) {
            return mapped;
        }
        List<RecordProblem> problems = schemas.problems(entity, mapped.data()).stream()
                .map(Mapping::describe)
                .toList();
        return mapped.withProblems(problems);
    }

    /**
     * The canonical fields this mapping gives a record that has every field of {@code recordSchema} (a JSON Schema of
     * the source's records) filled in: what a policy can check without reading a record. A field given only under
     * conditions the probe does not meet is missed.
     */
    public java.util.Set<String> fieldsGiven(JsonNode recordSchema) {
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        recordSchema
                .path("properties")
                .properties()
                .forEach(field -> probe.set(field.getKey(), sample(field.getValue())));
        if (compiled == null) {
            return java.util.Set.copyOf(probe.propertyNames());
        }
        return java.util.Set.copyOf(apply("probe", probe).data().propertyNames());
    }

    /** A value of the field's (first non-null) type. */
    private static JsonNode sample(JsonNode field) {
        JsonNode type = field.path("type");
        String kind = type.isArray()
                ? java.util.stream.StreamSupport.stream(type.spliterator(), false)
                        .map(JsonNode::asString)
                        .filter(t -> !"null".equals(t))
                        .findFirst()
                        .orElse("string")
                : type.asString("string");
        if (field.has("enum") && !field.path("enum").isEmpty()) {
            return field.path("enum").get(0);
        }
        return switch (kind) {
            case "integer", "number" -> JsonNodeFactory.instance.numberNode(1);
            case "boolean" -> JsonNodeFactory.instance.booleanNode(true);
            case "object" -> JsonNodeFactory.instance.objectNode();
            case "array" -> JsonNodeFactory.instance.arrayNode();
            default -> JsonNodeFactory.instance.stringNode("probe@example.com");
        };
    }

    /** {@code $.address.city: must be ...} as {@code /address/city: must be ...}. */
    private static RecordProblem describe(JsonSchemas.Problem problem) {
        return new RecordProblem(problem.pointer(), RecordProblem.Kind.ofKeyword(problem.keyword()), problem.message());
    }
}
