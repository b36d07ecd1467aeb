package io.patchbay.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** JSON Schema (2020-12, formats asserted) through com.networknt's validator, with problems named by path. */
public final class JsonSchemas {

    /**
     * Draft 2020-12, knowing the keywords our setup forms read ({@code x-message}, {@code x-visible-when}) and the
     * registry's mark for personal data ({@code x-pii}).
     */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .keyword(new AnnotationKeyword("x-message"))
            .keyword(new AnnotationKeyword("x-visible-when"))
            .keyword(new AnnotationKeyword("x-pii"))
            .build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            DIALECT,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH)
                    .locale(Locale.ENGLISH)
                    .build()));

    /** The 2020-12 meta-schema, from the validator's own copy (it never fetches one). */
    private static final Schema META =
            REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    /** Formats as people name them, for "is not a valid ...". */
    private static final java.util.Map<String, String> FORMATS = java.util.Map.of(
            "email", "email address",
            "date", "date (YYYY-MM-DD)",
            "date-time", "date and time (ISO 8601, with a zone)",
            "uri", "URL",
            "uuid", "UUID",
            "ipv4", "IPv4 address",
            "hostname", "host name");

    private JsonSchemas() {}

    /** What makes {@code schema} no JSON Schema (2020-12): an unknown type, a keyword of the wrong shape. */
    public static List<Problem> schemaProblems(JsonNode schema) {
        return validate(META, schema);
    }

    public static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(schema);
    }

    /** Every problem of {@code instance}, each with the path it concerns ({@code $.streams[0].path}). */
    public static List<Problem> validate(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream()
                .map(JsonSchemas::problem)
                .sorted(Comparator.comparing(Problem::path).thenComparing(Problem::message))
                .toList();
    }

    private static Problem problem(Error message) {
        String path = message.getInstanceLocation().toString();
        boolean aboutAProperty =
                "required".equals(message.getKeyword()) || "additionalProperties".equals(message.getKeyword());
        if (aboutAProperty && message.getProperty() != null) {
            path = path + "." + message.getProperty();
        }
        String text = message.getMessage();
        int colon = text.indexOf(": ");
        String words = colon > 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
        if ("format".equals(message.getKeyword())
                && message.getSchemaNode() != null
                && message.getSchemaNode().isString()) {
            // the validator's words ("does not match the email pattern must be a valid RFC 5321 Mailbox") read badly
            words = "is not a valid "
                    + FORMATS.getOrDefault(
                            message.getSchemaNode().asString(),
                            message.getSchemaNode().asString());
        }
        return new Problem(path, words, message.getKeyword());
    }

    /**
     * One thing wrong, at a path in the instance.
     *
     * @param keyword the schema keyword it breaks ({@code required}, {@code type}, {@code format}, ...)
     */
    public record Problem(String path, String message, String keyword) {

        /** The path as a JSON pointer: {@code $.address.city} is {@code /address/city}, the whole record {@code /}. */
        public String pointer() {
            return path.equals("$") ? "/" : path.replaceFirst("^\\$\\.?", "/").replace('.', '/');
        }

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
