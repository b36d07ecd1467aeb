package io.patchbay.catalog.internal.jdbc;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streams of a database: each table of the schema with a single-column primary key, its columns' types, a cursor
 * column where it has an {@code updated_at}-like timestamp, and a JSON Schema of its rows. Read from the database's
 * own {@code information_schema} at every call, so a changed table is seen as it is now.
 */
final class JdbcTables {

    private static final List<String> CURSOR_NAMES = List.of("updated_at", "modified_at", "last_modified", "updated");

    private JdbcTables() {}

    /** A table as discovery found it. */
    record Table(
            String name, String key, @Nullable String cursor, Map<String, String> columnTypes, ObjectNode schema) {}

    static Table table(Dialect dialect, Connection connection, JdbcConnector.Config db, String stream)
            throws SQLException {
        Table table = tables(dialect, connection, db).get(stream);
        if (table == null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "There is no table '" + stream + "' with a single-column primary key in " + db.schema() + ".",
                    "Choose one of the tables Test connection lists, or add a primary key.");
        }
        return table;
    }

    static Map<String, Table> tables(Dialect dialect, Connection connection, JdbcConnector.Config db)
            throws SQLException {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        Map<String, Set<String>> nullable = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select table_name, column_name, "
                + dialect.columnType() + ", is_nullable from information_schema.columns"
                + " where table_schema = ? order by table_name, ordinal_position")) {
            query.setString(1, db.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    columns.computeIfAbsent(table, t -> new LinkedHashMap<>())
                            .put(rows.getString(2), rows.getString(3));
                    if ("YES".equalsIgnoreCase(rows.getString(4))) {
                        nullable.computeIfAbsent(table, t -> new HashSet<>()).add(rows.getString(2));
                    }
                }
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select kcu.table_name, kcu.column_name from information_schema.table_constraints tc"
                        + " join information_schema.key_column_usage kcu on tc.constraint_name = kcu.constraint_name"
                        + " and tc.table_schema = kcu.table_schema and tc.table_name = kcu.table_name"
                        + " where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = ?")) {
            query.setString(1, db.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        columns.forEach((name, types) -> {
            List<String> key = keys.get(name);
            if (key == null || key.size() != 1) {
                return;
            }
            String cursor = CURSOR_NAMES.stream()
                    .filter(types::containsKey)
                    .filter(c -> types.get(c).toLowerCase(Locale.ROOT).matches("timestamp.*|datetime|date"))
                    .findFirst()
                    .orElse(null);
            ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
            ArrayNode required = schema.putArray("required");
            ObjectNode properties = schema.putObject("properties");
            types.forEach((column, type) -> {
                boolean canBeNull = nullable.getOrDefault(name, Set.of()).contains(column);
                ObjectNode property = properties.putObject(column);
                if (canBeNull) {
                    property.putArray("type").add(JdbcValues.jsonType(type)).add("null");
                } else {
                    property.put("type", JdbcValues.jsonType(type));
                    required.add(column);
                }
            });
            tables.put(name, new Table(name, key.get(0), cursor, types, schema));
        });
        return tables;
    }
}
