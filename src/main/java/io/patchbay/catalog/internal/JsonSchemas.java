package io.patchbay.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** JSON Schema (2020-12, formats asserted) through com.networknt's validator, with problems named by path. */
public final class JsonSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ENGLISH)
            .build();

    private JsonSchemas() {}

    public static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /** Every problem of {@code instance}, each with the path it concerns ({@code $.streams[0].path}). */
    public static List<Problem> validate(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance).stream()
                .map(JsonSchemas::problem)
                .sorted(Comparator.comparing(Problem::path).thenComparing(Problem::message))
                .toList();
    }

    private static Problem problem(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            path = path + "." + message.getProperty();
        }
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        return new Problem(path, colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text);
    }

    /** One thing wrong, at a path in the instance. */
    public record Problem(String path, String message) {

        /** The top-level property it concerns, e.g. {@code baseUrl} for {@code $.baseUrl}. */
        public String field() {
            String rest = path.startsWith("$.") ? path.substring(2) : path.startsWith("$") ? path.substring(1) : path;
            int end = rest.indexOf('.');
            int bracket = rest.indexOf('[');
            if (bracket >= 0 && (end < 0 || bracket < end)) {
                end = bracket;
            }
            return end < 0 ? rest : rest.substring(0, end);
        }

        @Override
        public String toString() {
            return path + ": " + message;
        }
    }
}
