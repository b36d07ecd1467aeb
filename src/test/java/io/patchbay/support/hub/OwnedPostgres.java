package io.patchbay.support.hub;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL server that belongs to one fault scenario: a data directory under {@code target/faults/} and a port
 * fixed for the scenario's life, so that it can be stopped and started again (a clean fast shutdown, as an operator
 * or a failover would do it) and the hubs find it where they left it. Commits are synchronous; {@code fsync} stays
 * off as in every embedded test database, since the machine itself never crashes here.
 */
public final class OwnedPostgres implements HubDatabase, AutoCloseable {

    private static final String DATABASE = "patchbay";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private OwnedPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A fresh cluster in {@code directory} (emptied first) on a free port, with an empty hub database. */
    public static OwnedPostgres fresh(Path directory) {
        HubFiles.deleteRecursively(directory);
        var postgres = new OwnedPostgres(directory.toAbsolutePath(), HubFiles.freePort());
        postgres.start();
        postgres.execute("postgres", "create database " + DATABASE);
        return postgres;
    }

    /** Starts the server on its directory and port; the data of earlier starts is kept. */
    public void start() {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed work is kept). */
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        } finally {
            server = null;
        }
    }

    public boolean running() {
        return server != null;
    }

    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A plain JDBC connection to the hub database, for checking outcomes. */
    @Override
    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    private Connection connect(String database) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
