package io.patchbay.mapping;

import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.patchbay.mapping.internal.Transforms;
import io.patchbay.schema.SchemaRegistry;
import java.io.StringReader;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Compiles mappings, with the transform library, for the entity they produce. */
@Service
public class Mappings {

    private final SchemaRegistry schemas;

    public Mappings(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    /**
     * A mapping from the JSLT {@code expression} to records of {@code entity}; a null or blank expression copies every
     * field as it is.
     *
     * @throws InvalidMappingException with the line and column of what does not compile
     */
    public Mapping compile(String entity, @Nullable String expression) {
        if (expression == null || expression.isBlank()) {
            return new Mapping(entity, null, null, schemas);
        }
        if (schemas.subject(entity).isEmpty()) {
            throw new InvalidMappingException(
                    0,
                    0,
                    "There is no canonical entity '" + entity + "' to map to; choose one from the schema registry.");
        }
        try {
            Expression compiled = new Parser(new StringReader(expression))
                    .withSource("mapping")
                    .withFunctions(Transforms.functions())
                    .compile();
            return new Mapping(entity, expression, compiled, schemas);
        } catch (JsltException e) {
            throw new InvalidMappingException(e.getLine(), e.getColumn(), e.getMessageWithoutLocation());
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
