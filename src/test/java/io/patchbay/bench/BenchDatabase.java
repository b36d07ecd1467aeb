package io.patchbay.bench;

import io.patchbay.support.hub.HubDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A database on the machine's PostgreSQL server, dropped and created afresh for each run. The hub and the baselines
 * work on the same server, so their ratio compares the hub's code with the database's own speed rather than one
 * server with another; a fresh database keeps one run's tables, bloat and statistics out of the next.
 */
final class BenchDatabase implements HubDatabase {

    /** The hub's database; every run starts it anew. */
    static final String HUB = "patchbay_bench";

    private final String host;
    private final int port;
    private final String name;

    private BenchDatabase(String host, int port, String name) {
        this.host = host;
        this.port = port;
        this.name = name;
    }

    /** The server's maintenance database, to ask the server about itself. */
    static BenchDatabase server(BenchOptions options) {
        return new BenchDatabase(options.postgresHost(), options.postgresPort(), "postgres");
    }

    /** Drops {@code name} on the options' server if it is there (ending its sessions) and creates it empty. */
    static BenchDatabase fresh(BenchOptions options, String name) {
        BenchDatabase server = server(options);
        server.execute("drop database if exists " + name + " with (force)");
        server.execute("create database " + name);
        return new BenchDatabase(options.postgresHost(), options.postgresPort(), name);
    }

    String name() {
        return name;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "5");
        // a batch of single-row inserts is sent as multi-row statements, the fastest the driver does without COPY
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs a statement with these parameters; returns the rows it changed. */
    int update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Hands each row of a query to {@code row}, through a cursor: a million rows pass in pages, not at once. */
    void query(String sql, Row row, Object... parameters) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = prepare(connection, sql, parameters)) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** The server's version, e.g. {@code PostgreSQL 15.20}, for the report. */
    String serverVersion() {
        try (Connection connection = connect();
                ResultSet rs = connection.createStatement().executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
