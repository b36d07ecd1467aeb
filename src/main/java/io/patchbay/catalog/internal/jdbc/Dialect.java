package io.patchbay.catalog.internal.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** What differs between the databases the JDBC connector speaks: URLs, quoting, upserts, error codes. */
enum Dialect {
    POSTGRES("postgres", "PostgreSQL", 5432, "\"") {
        @Override
        String url(String address, int port, String database) {
            return "jdbc:postgresql://" + address + ":" + port + "/" + database
                    + "?connectTimeout=5&socketTimeout=30&loginTimeout=5&ApplicationName=patchbay";
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
        String url(String address, int port, String database) {
            return "jdbc:mariadb://" + address + ":" + port + "/" + database
                    + "?connectTimeout=5000&socketTimeout=30000&useAffectedRows=true";
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
            return code == 1049;
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

    abstract String url(String address, int port, String database);

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
