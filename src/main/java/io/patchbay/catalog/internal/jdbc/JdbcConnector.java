package io.patchbay.catalog.internal.jdbc;

import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.catalog.spi.WriteResult;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A relational database as a source and a destination: each table with a single-column primary key is a stream.
 * Reads page by keyset, on {@code (cursor, key)} for tables with an {@code updated_at}-like column (incremental) and
 * on the key alone otherwise (full refresh); writes upsert by primary key in one transaction per batch, and report
 * unchanged rows as not written. The host is resolved under the egress rules and the driver connects to the checked
 * address.
 */
final class JdbcConnector implements Connector {

    /**
     * Rows per page. Each page opens a connection and reads the table's layout, so pages are large; a page of this
     * many rows of a wide table is still a few megabytes.
     */
    static final int PAGE_SIZE = 5_000;

    private static final List<String> CURSOR_NAMES = List.of("updated_at", "modified_at", "last_modified", "updated");

    private final Dialect dialect;
    private final EgressClient egress;
    private final ConnectorSpec spec;

    JdbcConnector(Dialect dialect, EgressClient egress) {
        this.dialect = dialect;
        this.egress = egress;
        this.spec = new ConnectorSpec(
                dialect.id(),
                1,
                dialect.displayName(),
                "Tables of a " + dialect.displayName()
                        + " database: read incrementally by an updated_at column (or in full), "
                        + "and written by upsert on the primary key.",
                configSchema(dialect),
                List.of(),
                EnumSet.of(Capability.CHECK, Capability.DISCOVER, Capability.READ, Capability.WRITE),
                List.of("password"),
                null);
    }

    /** The typed configuration; the address is the one the egress guard checked. */
    record Config(
            String host,
            InetAddress address,
            int port,
            String database,
            String schema,
            String username,
            String password)
            implements ConnectorConfig {
        @Override
        public String toString() {
            return "Config[" + username + "@" + host + ":" + port + "/" + database + "." + schema + ", password=••••]";
        }
    }

    /** A table as discovery found it. */
    record Table(
            String name, String key, @Nullable String cursor, Map<String, String> columnTypes, ObjectNode schema) {}

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public ConnectorConfig configure(ConnectorSettings settings) {
        String host = settings.text("host").trim();
        InetAddress address;
        try {
            address = egress.resolve(host)[0];
        } catch (EgressRefusedException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG, "Patchbay does not connect to this host: " + e.getMessage() + ".", e.fix(), e);
        } catch (UnknownHostException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The host '" + host + "' could not be found.",
                    "Check the host name for typos.",
                    e);
        }
        int port = settings.values().path("port").asInt(dialect.defaultPort());
        String database = settings.text("database");
        String schema = dialect == Dialect.MARIADB
                ? database
                : settings.values().path("schema").asString("public");
        return new Config(
                host,
                address,
                port,
                database,
                schema,
                settings.text("username"),
                settings.secret("password").orElse(""));
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        Config db = (Config) config;
        try (Connection connection = connect(db)) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            int tables = tables(connection, db).size();
            return CheckResult.succeeded("Connected to " + dialect.displayName() + " " + version + ": " + tables
                    + " tables with a primary key in " + db.schema() + ".");
        } catch (SQLException e) {
            return CheckResult.failed(classify(e, db).error());
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    @Override
    public List<StreamSpec> discover(ConnectorConfig config) {
        Config db = (Config) config;
        try (Connection connection = connect(db)) {
            return tables(connection, db).values().stream()
                    .map(t -> new StreamSpec(t.name(), t.key(), t.cursor(), t.schema(), t.schema()))
                    .toList();
        } catch (SQLException e) {
            throw classify(e, db);
        }
    }

    @Override
    public ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context) {
        Config db = (Config) config;
        try (Connection connection = connect(db)) {
            Table table = table(connection, db, stream);
            String from = dialect.quote(db.schema()) + "." + dialect.quote(table.name());
            String key = dialect.quote(table.key());
            String keyType = table.columnTypes().get(table.key());
            boolean incremental = table.cursor() != null;
            boolean resume = checkpoint != null && checkpoint.hasNonNull("key");
            String sql;
            if (incremental) {
                String cursor = dialect.quote(table.cursor());
                sql = "select * from " + from
                        + (resume ? " where " + cursor + " > ? or (" + cursor + " = ? and " + key + " > ?)" : "")
                        + " order by " + cursor + ", " + key + " limit " + PAGE_SIZE;
            } else {
                sql = "select * from " + from + (resume ? " where " + key + " > ?" : "") + " order by " + key
                        + " limit " + PAGE_SIZE;
            }
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (resume && incremental) {
                    String cursorType = table.columnTypes().get(table.cursor());
                    JdbcValues.bind(select, 1, checkpoint.get("cursor"), cursorType);
                    JdbcValues.bind(select, 2, checkpoint.get("cursor"), cursorType);
                    JdbcValues.bind(select, 3, checkpoint.get("key"), keyType);
                } else if (resume) {
                    JdbcValues.bind(select, 1, checkpoint.get("key"), keyType);
                }
                List<SourceRecord> records = new ArrayList<>();
                ObjectNode last = null;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ObjectNode record = JsonNodeFactory.instance.objectNode();
                        for (var column : table.columnTypes().entrySet()) {
                            record.set(column.getKey(), JdbcValues.read(rows, column.getKey(), column.getValue()));
                        }
                        records.add(new SourceRecord(record.get(table.key()).asString(), record));
                        last = record;
                    }
                }
                boolean hasMore = records.size() == PAGE_SIZE;
                ObjectNode next = JsonNodeFactory.instance.objectNode();
                if (last != null && (incremental || hasMore)) {
                    if (incremental) {
                        next.set("cursor", last.get(table.cursor()));
                    }
                    next.set("key", last.get(table.key()));
                } else if (last == null && incremental && checkpoint != null) {
                    next = (ObjectNode) checkpoint.deepCopy();
                }
                return new ReadPage(records, next, hasMore);
            }
        } catch (SQLException e) {
            throw classify(e, db);
        }
    }

    @Override
    public WriteResult write(ConnectorConfig config, String stream, List<ObjectNode> records) {
        Config db = (Config) config;
        if (records.isEmpty()) {
            return new WriteResult(0);
        }
        try (Connection connection = connect(db)) {
            Table table = table(connection, db, stream);
            Set<String> unknown = new java.util.TreeSet<>();
            records.forEach(record -> record.propertyNames().forEach(field -> {
                if (!table.columnTypes().containsKey(field)) {
                    unknown.add(field);
                }
            }));
            if (!unknown.isEmpty()) {
                throw new ConnectorException(
                        ErrorClass.DATA,
                        "Table " + table.name() + " has no column " + String.join(", ", unknown) + ".",
                        "Map these fields to existing columns, or add the columns to the table.");
            }
            List<String> columns = new ArrayList<>(table.columnTypes().keySet().stream()
                    .filter(column -> records.get(0).has(column))
                    .toList());
            if (!columns.contains(table.key())) {
                throw new ConnectorException(
                        ErrorClass.DATA,
                        "The records carry no " + table.key() + ", the table's primary key.",
                        "Map a field to " + table.key() + ".");
            }
            String sql = dialect.upsert(
                    dialect.quote(db.schema()) + "." + dialect.quote(table.name()), columns, table.key());
            connection.setAutoCommit(false);
            int written = 0;
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                for (ObjectNode record : records) {
                    for (int i = 0; i < columns.size(); i++) {
                        JdbcValues.bind(
                                upsert,
                                i + 1,
                                record.get(columns.get(i)),
                                table.columnTypes().get(columns.get(i)));
                    }
                    upsert.addBatch();
                }
                for (int count : upsert.executeBatch()) {
                    written += count > 0 ? 1 : 0;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                // one batch is one transaction: nothing of it stays half-written
                connection.rollback();
                throw e;
            }
            return new WriteResult(written);
        } catch (SQLException e) {
            throw classify(e, db);
        }
    }

    private Connection connect(Config db) throws SQLException {
        String address = db.address() instanceof java.net.Inet6Address
                ? "[" + db.address().getHostAddress() + "]"
                : db.address().getHostAddress();
        return DriverManager.getConnection(
                dialect.url(address, db.port(), db.database()), db.username(), db.password());
    }

    private Table table(Connection connection, Config db, String stream) throws SQLException {
        Table table = tables(connection, db).get(stream);
        if (table == null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "There is no table '" + stream + "' with a single-column primary key in " + db.schema() + ".",
                    "Choose one of the tables Test connection lists, or add a primary key.");
        }
        return table;
    }

    private Map<String, Table> tables(Connection connection, Config db) throws SQLException {
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
                        nullable.computeIfAbsent(table, t -> new java.util.HashSet<>())
                                .add(rows.getString(2));
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

    private ConnectorException classify(SQLException e, Config db) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String where = db.host() + ":" + db.port();
        if (dialect.authFailure(state, code)) {
            return new ConnectorException(
                    ErrorClass.AUTH,
                    dialect.displayName() + " refused the user name or password for " + where + ".",
                    "Check the user name and password, and that the user may connect to database " + db.database()
                            + ".",
                    e);
        }
        if (dialect.unknownDatabase(state, code)) {
            return new ConnectorException(
                    ErrorClass.CONFIG,
                    "There is no database '" + db.database() + "' at " + where + ".",
                    "Check the database name.",
                    e);
        }
        if (state.startsWith("08") || hasCause(e, ConnectException.class)) {
            return new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + dialect.displayName() + " at " + where + ".",
                    "Check the host and port, that the database is up and that it accepts connections from Patchbay.",
                    e);
        }
        if (state.startsWith("22")) {
            return new ConnectorException(
                    ErrorClass.DATA,
                    dialect.displayName() + " refused a value: " + e.getMessage(),
                    "Correct the record named in the message.",
                    e);
        }
        if (state.equals("42P01") || state.equals("42703") || code == 1146 || code == 1054) {
            return new ConnectorException(
                    ErrorClass.DATA,
                    "The table changed while Patchbay read it (" + e.getMessage() + ").",
                    "Run again: the next run discovers the table as it is now.",
                    e);
        }
        return new ConnectorException(
                ErrorClass.TRANSIENT,
                dialect.displayName() + " reported an error (SQLSTATE " + state + ").",
                "Try again; if it persists, check the database's log for this time.",
                e);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode configSchema(Dialect dialect) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode().put("type", "object");
        schema.putArray("required").add("host").add("database").add("username").add("password");
        ObjectNode properties = schema.putObject("properties");
        properties
                .putObject("host")
                .put("type", "string")
                .put("title", "Host")
                .put("minLength", 1)
                .put("description", "The database server's host name")
                .put("x-message", "Enter the database host");
        properties
                .putObject("port")
                .put("type", "integer")
                .put("title", "Port")
                .put("minimum", 1)
                .put("maximum", 65535)
                .put("default", dialect.defaultPort())
                .put("x-message", "Enter a port from 1 to 65535");
        properties
                .putObject("database")
                .put("type", "string")
                .put("title", "Database")
                .put("minLength", 1)
                .put("x-message", "Enter the database name");
        if (dialect == Dialect.POSTGRES) {
            properties
                    .putObject("schema")
                    .put("type", "string")
                    .put("title", "Schema")
                    .put("default", "public")
                    .put("description", "Whose tables become streams");
        }
        properties
                .putObject("username")
                .put("type", "string")
                .put("title", "User name")
                .put("minLength", 1)
                .put("x-message", "Enter the user name");
        properties
                .putObject("password")
                .put("type", "string")
                .put("title", "Password")
                .put("writeOnly", true)
                .put("description", "The user's password");
        return schema;
    }
}
