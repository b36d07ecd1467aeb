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
import io.patchbay.security.egress.CheckedAddress;
import io.patchbay.security.egress.EgressClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A relational database as a source and a destination: each table with a single-column primary key is a stream.
 * Reads page by keyset, on {@code (cursor, key)} for tables with an {@code updated_at}-like column (incremental) and
 * on the key alone otherwise (full refresh); writes upsert by primary key in one transaction per batch, and report
 * unchanged rows as not written. The host is resolved under the egress rules and the driver connects to the checked
 * address only ({@link Dialect}).
 */
final class JdbcConnector implements Connector {

    /**
     * Rows per page. Each page opens a connection and reads the table's layout, so pages are large; a page of this
     * many rows of a wide table is still a few megabytes.
     */
    static final int PAGE_SIZE = 5_000;

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
                JdbcSettings.schema(dialect),
                List.of(),
                EnumSet.of(Capability.CHECK, Capability.DISCOVER, Capability.READ, Capability.WRITE),
                List.of("password"),
                null);
    }

    /** The typed configuration; the address is the one the egress guard checked. */
    record Config(CheckedAddress address, String database, String schema, String username, String password)
            implements ConnectorConfig {
        @Override
        public String toString() {
            return "Config[" + username + "@" + address + "/" + database + "." + schema + ", password=••••]";
        }
    }

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public ConnectorConfig configure(ConnectorSettings settings) {
        return JdbcSettings.configure(dialect, egress, settings);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        Config db = (Config) config;
        try (Connection connection = dialect.open(db)) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            int tables = JdbcTables.tables(dialect, connection, db).size();
            return CheckResult.succeeded("Connected to " + dialect.displayName() + " " + version + ": " + tables
                    + " tables with a primary key in " + db.schema() + ".");
        } catch (SQLException e) {
            return CheckResult.failed(JdbcErrors.classify(dialect, e, db).error());
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    @Override
    public List<StreamSpec> discover(ConnectorConfig config) {
        Config db = (Config) config;
        try (Connection connection = dialect.open(db)) {
            return JdbcTables.tables(dialect, connection, db).values().stream()
                    .map(t -> new StreamSpec(t.name(), t.key(), t.cursor(), t.schema(), t.schema()))
                    .toList();
        } catch (SQLException e) {
            throw JdbcErrors.classify(dialect, e, db);
        }
    }

    @Override
    public ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context) {
        Config db = (Config) config;
        try (Connection connection = dialect.open(db)) {
            JdbcTables.Table table = JdbcTables.table(dialect, connection, db, stream);
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
            throw JdbcErrors.classify(dialect, e, db);
        }
    }

    @Override
    public WriteResult write(ConnectorConfig config, String stream, List<ObjectNode> records) {
        Config db = (Config) config;
        if (records.isEmpty()) {
            return new WriteResult(0);
        }
        try (Connection connection = dialect.open(db)) {
            JdbcTables.Table table = JdbcTables.table(dialect, connection, db, stream);
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
            throw JdbcErrors.classify(dialect, e, db);
        }
    }
}
