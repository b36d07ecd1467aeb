package io.patchbay.catalog.internal.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Moves values between JDBC and JSON by the column's declared type, so cursors round-trip exactly. */
final class JdbcValues {

    private JdbcValues() {}

    /** The JSON Schema type for an information_schema data type. */
    static String jsonType(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (type.matches("(small|big|tiny|medium)?int(eger)?|int[248]|serial|bigserial")) {
            return "integer";
        }
        if (type.matches("numeric|decimal|real|double( precision)?|float[48]?")) {
            return "number";
        }
        if (type.matches("bool(ean)?|bit")) {
            return "boolean";
        }
        return "string";
    }

    static JsonNode read(ResultSet rows, String column, String dataType) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        String type = dataType.toLowerCase(Locale.ROOT);
        if (type.equals("timestamp with time zone")) {
            OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
            return value == null
                    ? json.nullNode()
                    : json.stringNode(value.toInstant().toString());
        }
        if (type.startsWith("timestamp") || type.equals("datetime")) {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? json.nullNode() : json.stringNode(value.toString());
        }
        if (type.equals("date")) {
            LocalDate value = rows.getObject(column, LocalDate.class);
            return value == null ? json.nullNode() : json.stringNode(value.toString());
        }
        Object value = rows.getObject(column);
        if (value == null) {
            return json.nullNode();
        }
        return switch (jsonType(type)) {
            case "integer" -> json.numberNode(((Number) value).longValue());
            case "number" -> json.numberNode(new BigDecimal(value.toString()));
            case "boolean" -> json.booleanNode(value instanceof Boolean flag ? flag : ((Number) value).intValue() != 0);
            default -> json.stringNode(value.toString());
        };
    }

    /** Binds a JSON value (from a record or a checkpoint) as the column's type. */
    static void bind(PreparedStatement statement, int index, JsonNode value, String dataType) throws SQLException {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (value == null || value.isNull() || value.isMissingNode()) {
            statement.setObject(index, null);
        } else if (type.equals("timestamp with time zone")) {
            statement.setObject(
                    index,
                    OffsetDateTime.parse(value.asString().endsWith("Z") ? value.asString() : value.asString() + "Z")
                            .withOffsetSameInstant(ZoneOffset.UTC));
        } else if (type.startsWith("timestamp") || type.equals("datetime")) {
            statement.setObject(index, LocalDateTime.parse(value.asString()));
        } else if (type.equals("date")) {
            statement.setObject(index, LocalDate.parse(value.asString()));
        } else {
            switch (jsonType(type)) {
                case "integer" -> statement.setLong(index, value.asLong());
                case "number" -> statement.setBigDecimal(index, new BigDecimal(value.asString()));
                case "boolean" -> statement.setBoolean(index, value.asBoolean());
                default -> statement.setString(index, value.isString() ? value.asString() : value.toString());
            }
        }
    }
}
