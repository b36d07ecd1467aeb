package io.patchbay.catalog.internal.push;

import io.patchbay.base.Plurals;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.Received;
import io.patchbay.catalog.spi.SourceRecord;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV files uploaded by an admin: encoding, delimiter and header detected unless set, every row keyed by a column
 * the admin names, each unusable line reported by its number. A file is one message, identified by its content, so
 * uploading the same file twice applies it once.
 */
final class CsvUploadConnector implements Connector {

    static final String STREAM = "rows";

    private final ConnectorSpec spec;
    private final ObjectMapper json;

    CsvUploadConnector(ObjectMapper json) {
        this.json = json;
        this.spec = new ConnectorSpec(
                "csv-upload",
                1,
                "CSV file upload",
                "Rows of CSV files you upload: encoding, delimiter and header row are detected, each row is keyed by "
                        + "a column you name, and every line that cannot be used is reported by its number.",
                schema(json),
                List.of(new StreamSpec(STREAM, "id", null, rowSchema(json))),
                EnumSet.of(Capability.CHECK, Capability.READ, Capability.UPLOAD),
                List.of("none"),
                null);
    }

    record Config(String keyColumn, CsvFiles.Options options) implements ConnectorConfig {}

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public ConnectorConfig configure(ConnectorSettings settings) {
        String encoding = settings.text("encoding");
        String delimiter = settings.text("delimiter");
        String header = settings.text("headerRow");
        return new Config(
                settings.text("keyColumn").trim(),
                new CsvFiles.Options(
                        encoding.isEmpty() || encoding.equals("auto") ? null : Charset.forName(encoding),
                        switch (delimiter) {
                            case "comma" -> ',';
                            case "semicolon" -> ';';
                            case "tab" -> '\t';
                            case "pipe" -> '|';
                            default -> null;
                        },
                        switch (header) {
                            case "yes" -> Boolean.TRUE;
                            case "no" -> Boolean.FALSE;
                            default -> null;
                        }));
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        return CheckResult.succeeded("Ready for files: rows are keyed by the column '" + ((Config) config).keyColumn()
                + "'. Upload a file in the next step to see how Patchbay reads it.");
    }

    @Override
    public ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context) {
        return PushedRecords.read(checkpoint, context);
    }

    @Override
    public Received receive(ConnectorConfig config, PushedData data) {
        Config csv = (Config) config;
        String file = data.fileName() == null ? "The file" : data.fileName();
        if (data.body().length == 0) {
            throw new ConnectorException(ErrorClass.DATA, file + " is empty.", "Upload a file with rows in it.");
        }
        CsvFiles.Parsed parsed = CsvFiles.parse(data.body(), csv.options());
        String key = parsed.columns().stream()
                .filter(column -> column.equalsIgnoreCase(csv.keyColumn()))
                .findFirst()
                .orElseThrow(() -> new ConnectorException(
                        ErrorClass.DATA,
                        file + " has no column '" + csv.keyColumn() + "'. Its columns: "
                                + String.join(", ", parsed.columns()) + " (read as "
                                + parsed.layout().describe() + ").",
                        "Set Key column in the connection's details to one of these, or upload a file with a '"
                                + csv.keyColumn() + "' column."));
        LineProblems problems = parsed.problems();
        Map<String, SourceRecord> byKey = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (CsvFiles.Row row : parsed.rows()) {
            String id = row.values().get(key);
            if (id == null || id.isBlank()) {
                problems.add(row.line(), "the key column '" + key + "' is empty.");
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(id, row.line());
            if (earlier != null) {
                problems.add(row.line(), "key '" + id + "' is also on line " + earlier + "; this later line is used.");
                byKey.remove(id);
            }
            ObjectNode record = json.createObjectNode();
            row.values().forEach(record::put);
            byKey.put(id, new SourceRecord(id, record));
        }
        int problemLines = problems.count();
        String summary = file + ": " + parsed.layout().describe() + "; " + Plurals.count(byKey.size(), "row", "rows")
                + " keyed by '" + key + "'"
                + (problemLines == 0 ? "." : ", " + Plurals.count(problemLines, "line", "lines") + " with problems.");
        return new Received(
                "file:sha256:" + sha256(data.body()), List.copyOf(byKey.values()), problems.report(), summary);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every value of a CSV row is text; {@code id} is the default key column (the admin may name another). */
    private static ObjectNode rowSchema(ObjectMapper json) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("id").put("type", "string");
        schema.putObject("additionalProperties").put("type", "string");
        return schema;
    }

    private static ObjectNode schema(ObjectMapper json) {
        return (ObjectNode) json.readTree("""
                {
                  "type": "object",
                  "required": ["keyColumn"],
                  "properties": {
                    "keyColumn": {
                      "type": "string",
                      "title": "Key column",
                      "description": "The column that identifies a row; a row uploaded again with the same key updates it",
                      "default": "id",
                      "minLength": 1,
                      "maxLength": 200,
                      "x-message": "Enter the name of the column that identifies a row, such as id"
                    },
                    "headerRow": {
                      "title": "First row names the columns",
                      "description": "auto: detected from the first row; without one, columns are named column_1, column_2, ...",
                      "enum": ["auto", "yes", "no"],
                      "default": "auto"
                    },
                    "delimiter": {
                      "title": "Delimiter",
                      "enum": ["auto", "comma", "semicolon", "tab", "pipe"],
                      "default": "auto"
                    },
                    "encoding": {
                      "title": "Encoding",
                      "description": "auto: a byte-order mark, else UTF-8 if the file is valid UTF-8, else Windows-1252",
                      "enum": ["auto", "UTF-8", "windows-1252", "ISO-8859-1", "UTF-16"],
                      "default": "auto"
                    }
                  }
                }
                """);
    }
}
