package io.patchbay.connection.internal;

import io.patchbay.base.YamlLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A connection's whole configuration as a YAML document ({@value #FORMAT}): name, template and its version, connector,
 * settings, the names of its secrets (never their values), schedule, the stream chosen at setup and its own mapping.
 * Reading refuses another format or a key the format does not have, naming the line.
 */
public record ConnectionDocument(
        String name,
        String template,
        String connector,
        ObjectNode settings,
        List<String> secrets,
        int scheduleMinutes,
        @Nullable String stream,
        @Nullable String mapping) {

    public static final String FORMAT = "patchbay.connection/1";

    private static final ObjectMapper READER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper WRITER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    public String render() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("name", name);
        document.put("template", template);
        document.put("connector", connector);
        document.put("settings", settings);
        if (!secrets.isEmpty()) {
            document.put("secrets", secrets);
        }
        document.put("schedule", Map.of("minutes", scheduleMinutes));
        if (stream != null) {
            document.put("stream", stream);
        }
        if (mapping != null) {
            document.put("mapping", mapping.strip() + "\n");
        }
        return WRITER.writeValueAsString(document);
    }

    /** @throws Invalid naming the line of what is wrong */
    public static ConnectionDocument parse(String yaml) {
        File file;
        try {
            file = READER.readValue(yaml, File.class);
        } catch (JacksonException e) {
            int line = YamlLines.lineOf(e, yaml);
            if (e instanceof UnrecognizedPropertyException unknown) {
                throw new Invalid(line, "'" + unknown.getPropertyName() + "' is not a key of " + FORMAT);
            }
            throw new Invalid(line, plainly(e));
        }
        if (!FORMAT.equals(file.format())) {
            throw new Invalid(
                    YamlLines.lineOf(yaml, "format"),
                    "this is " + (file.format() == null ? "no format" : file.format()) + "; this Patchbay reads "
                            + FORMAT);
        }
        require(file.name(), "name");
        require(file.template(), "template");
        require(file.connector(), "connector");
        return new ConnectionDocument(
                file.name(),
                file.template(),
                file.connector(),
                file.settings() == null ? JsonNodeFactory.instance.objectNode() : file.settings(),
                file.secrets() == null ? List.of() : List.copyOf(file.secrets()),
                file.schedule() == null ? 60 : file.schedule().minutes(),
                file.stream(),
                file.mapping());
    }

    /** What the reader could not take, in words about the document, never the library's own. */
    private static String plainly(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "the document nests too deep or holds a value too large to read";
        }
        if (e instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String key = mismatch.getPath().stream()
                    .map(step ->
                            step.getPropertyName() != null ? step.getPropertyName() : String.valueOf(step.getIndex()))
                    .collect(java.util.stream.Collectors.joining("."));
            return "'" + key + "' should be " + kind(mismatch.getTargetType());
        }
        if (e instanceof StreamReadException) {
            return "this is not YAML that can be read here (check the indentation and the quotes)";
        }
        return "this document cannot be read as " + FORMAT;
    }

    private static String kind(@Nullable Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a group of keys";
    }

    private static void require(@Nullable String value, String key) {
        if (value == null || value.isBlank()) {
            throw new Invalid(0, "'" + key + "' is missing");
        }
    }

    /** What is wrong with a document, and on which line (from 1; 0 when no one line is to blame). */
    public static final class Invalid extends RuntimeException {
        private final int line;

        Invalid(int line, String reason) {
            super(line > 0 ? "Line " + line + ": " + reason : reason);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    record File(
            @Nullable String format,
            @Nullable String name,
            @Nullable String template,
            @Nullable String connector,
            @Nullable ObjectNode settings,
            @Nullable List<String> secrets,
            @Nullable Schedule schedule,
            @Nullable String stream,
            @Nullable String mapping) {}

    record Schedule(int minutes) {}
}
