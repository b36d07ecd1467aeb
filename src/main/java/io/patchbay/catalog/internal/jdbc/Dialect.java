package io.patchbay.catalog.internal.jdbc;

import io.patchbay.security.egress.GuardedSockets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.mariadb.jdbc.NonRegisteringDriver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What differs between the databases the JDBC connector speaks: how a connection is opened, quoting, upserts, error
 * codes.
 *
 * <p>A connection is opened with the driver's own typed setters, never from URL text: a setting such as the database
 * name cannot become a driver option ({@code ?PGHOST=…}, {@code ?localSocket=…}). The host is the address the egress
 * guard checked, and the driver's sockets come from {@link GuardedSockets}, so that no option or server redirect can
 * send them anywhere else.
 *
 * @see <a href="../../../../../../../../docs/adr/0022-settings-never-steer-a-driver.md">ADR 22</a>
 */
enum Dialect {
    POSTGRES("postgres", "PostgreSQL", 5432, "\"") {
        @Override
        Connection open(JdbcConnector.Config db) throws SQLException {
            var source = new PGSimpleDataSource();
            source.setServerNames(new String[] {db.address().literal()});
            source.setPortNumbers(new int[] {db.address().port()});
            source.setDatabaseName(db.database());
            source.setUser(db.username());
            source.setPassword(db.password());
            source.setApplicationName("patchbay");
            source.setConnectTimeout(5);
            source.setSocketTimeout(30);
            // a login timeout makes the driver connect on a thread of its own, outside the guarded sockets' scope
            source.setLoginTimeout(0);
            source.setSocketFactory(GuardedSockets.Factory.class.getName());
            return GuardedSockets.open(db.address(), () -> source.getConnection());
        }

        @Override
        String upsert(String table, List<String> columns, String key) {
            String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
            String values = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
            List<String> others = columns.stream().filter(c -> !c.equals(key)).toList();
            if (others.isEmpty()) {
                return "insert into " + table + " (" + names + ") values (" + values + ") on conflict (" + quote(key)
                        + ") do nothing";
            }
            String set = others.stream()
                    .map(c -> quote(c) + " = excluded." + quote(c))
                    .collect(Collectors.joining(", "));
            String changed =
                    "(" + others.stream().map(c -> table + "." + quote(c)).collect(Collectors.joining(", "))
                            + ") is distinct from ("
                            + others.stream().map(c -> "excluded." + quote(c)).collect(Collectors.joining(", ")) + ")";
            // the where clause makes an unchanged row count as 0: writes are idempotent and say so
            return "insert into " + table + " (" + names + ") values (" + values + ") on conflict (" + quote(key)
                    + ") do update set " + set + " where " + changed;
        }

        @Override
        boolean authFailure(String sqlState, int code) {
            return sqlState.startsWith("28");
        }

        @Override
        boolean unknownDatabase(String sqlState, int code) {
            return "3D000".equals(sqlState);
        }
    },
    MARIADB("mariadb", "MySQL / MariaDB", 3306, "`") {
        @Override
        Connection open(JdbcConnector.Config db) throws SQLException {
            // the builder alone leaves the driver's option table unset (NPE on connect): start from a URL of the
            // checked address only, then set everything a tenant entered through the typed setters
            String address = db.address().literal().contains(":")
                    ? "[" + db.address().literal() + "]"
                    : db.address().literal();
            var configuration = org.mariadb.jdbc.Configuration.parse(
                            "jdbc:mariadb://" + address + ":" + db.address().port() + "/", new java.util.Properties())
                    .toBuilder()
                    .database(db.database())
                    .user(db.username())
                    .password(db.password())
                    .connectTimeout(5_000)
                    .socketTimeout(30_000)
                    .useAffectedRows(true)
                    // a server may ask the client to reconnect elsewhere, and may ask it for a local file
                    .permitRedirect(false)
                    .allowLocalInfile(false)
                    .socketFactory(GuardedSockets.Factory.class.getName())
                    .build();
            return GuardedSockets.open(db.address(), () -> NonRegisteringDriver.connect(configuration));
        }

        @Override
        String upsert(String table, List<String> columns, String key) {
            String names = columns.stream().map(this::quote).collect(Collectors.joining(", "));
            String values = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
            String set = columns.stream()
                    .filter(c -> !c.equals(key))
                    .map(c -> quote(c) + " = values(" + quote(c) + ")")
                    .collect(Collectors.joining(", "));
            // affected rows: 1 inserted, 2 changed, 0 unchanged (without CLIENT_FOUND_ROWS)
            return "insert into " + table + " (" + names + ") values (" + values + ") on duplicate key update "
                    + (set.isEmpty() ? quote(key) + " = " + quote(key) : set);
        }

        @Override
        boolean authFailure(String sqlState, int code) {
            return code == 1045 || code == 1044 || sqlState.startsWith("28");
        }

        @Override
        boolean unknownDatabase(String sqlState, int code) {
            // 1049: unknown database; 1102: a name the server cannot have (too long, say)
            return code == 1049 || code == 1102;
        }
    };

    private final String id;
    private final String displayName;
    private final int defaultPort;
    private final String quote;

    Dialect(String id, String displayName, int defaultPort, String quote) {
        this.id = id;
        this.displayName = displayName;
        this.defaultPort = defaultPort;
        this.quote = quote;
    }

    /** Opens a connection to the checked address, with the database, user and password as the driver's values. */
    abstract Connection open(JdbcConnector.Config db) throws SQLException;

    /** The information_schema expression that names a column's type in the words {@link JdbcValues} knows. */
    String columnType() {
        // MySQL and MariaDB spell boolean as tinyint(1)
        return this == MARIADB ? "case when column_type = 'tinyint(1)' then 'boolean' else data_type end" : "data_type";
    }

    abstract String upsert(String table, List<String> columns, String key);

    abstract boolean authFailure(String sqlState, int code);

    abstract boolean unknownDatabase(String sqlState, int code);

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** Quotes an identifier that discovery has already found in the database's own catalog. */
    String quote(String identifier) {
        return quote + identifier.replace(quote, quote + quote) + quote;
    }
}
