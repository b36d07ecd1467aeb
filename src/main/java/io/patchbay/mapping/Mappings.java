package io.patchbay.mapping;

import com.networknt.schema.Schema;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.patchbay.mapping.internal.Metering;
import io.patchbay.mapping.internal.Transforms;
import io.patchbay.schema.JsonSchemas;
import io.patchbay.schema.SchemaRegistry;
import java.io.StringReader;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Compiles mappings, with the transform library, for the entity they produce. */
@Service
public class Mappings {

    private final SchemaRegistry schemas;
    private final MappingBudget budget;

    /** Mappings on the default budget, for tools and tests outside Spring. */
    public Mappings(SchemaRegistry schemas) {
        this(schemas, MappingBudget.DEFAULT);
    }

    @Autowired
    public Mappings(SchemaRegistry schemas, MappingBudget budget) {
        this.schemas = schemas;
        this.budget = budget;
    }

    /** What one evaluation may take; the editor's preview keeps to its total as well. */
    public MappingBudget budget() {
        return budget;
    }

    /**
     * A mapping from the JSLT {@code expression} to records of {@code entity}; a null or blank expression copies every
     * field as it is.
     *
     * @throws InvalidMappingException with the line and column of what does not compile
     */
    public Mapping compile(String entity, @Nullable String expression) {
        if (expression == null || expression.isBlank()) {
            return new Mapping(entity, null, null, schemas, null, budget);
        }
        if (schemas.subject(entity).isEmpty()) {
            throw new InvalidMappingException(
                    0,
                    0,
                    "There is no canonical entity '" + entity + "' to map to; choose one from the schema registry.");
        }
        return new Mapping(entity, expression, parse(expression), schemas, null, budget);
    }

    /**
     * A mapping from core records to what a destination's stream accepts: each record it makes is checked against
     * {@code writeSchema} (a copy as it is too); a null or blank expression copies every field as it is.
     *
     * @throws InvalidMappingException with the line and column of what does not compile
     */
    public Mapping compileToStream(String stream, JsonNode writeSchema, @Nullable String expression) {
        Schema target = JsonSchemas.compile(writeSchema);
        if (expression == null || expression.isBlank()) {
            return new Mapping(stream, null, null, schemas, target, budget);
        }
        return new Mapping(stream, expression, parse(expression), schemas, target, budget);
    }

    private static Expression parse(String expression) {
        try {
            return Metering.meter(new Parser(new StringReader(expression))
                    .withSource("mapping")
                    .withFunctions(Transforms.functions())
                    // a mapping is one expression: an import would read a file of the hub's (and quote it in errors)
                    .withResourceResolver(name -> {
                        throw new JsltException("A mapping cannot import other files ('" + name + "').");
                    })
                    .compile());
        } catch (JsltException e) {
            throw io.patchbay.mapping.internal.JsltErrors.plain(e);
        }
    }

    /** The fields of an entity's newest schema; empty for an entity the registry does not have. */
    public java.util.Set<String> fields(String entity) {
        return schemas.subject(entity)
                .map(subject -> java.util.Set.copyOf(
                        subject.latest().schema().path("properties").propertyNames()))
                .orElse(java.util.Set.of());
    }

    /** The transforms mappings may call beside JSLT's own functions. */
    public List<TransformHelp> transforms() {
        return Transforms.help();
    }
}
