package io.patchbay.sync.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this node's idle workers ({@link SyncWorker}, which starts and stops it) when any node queues a run: {@link RunRepository#enqueue} notifies a PostgreSQL
 * channel when it inserts a queued run, delivered at commit, and this listener holds one connection of its own that
 * listens to it. A "Run now" pressed on one node, or a webhook taken by another, starts on an idle worker at once
 * instead of at its next poll. Polling stays: a notification missed while the database was away is caught up by it.
 */
final class RunQueueListener {

    static final String CHANNEL = "patchbay_run_queued";
    private static final Logger log = LoggerFactory.getLogger(RunQueueListener.class);
    private static final int WAIT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final Runnable wakeUp;
    private final SyncProperties properties;
    private volatile boolean running;
    private Thread listener;

    RunQueueListener(DataSource dataSource, Runnable wakeUp, SyncProperties properties) {
        this.dataSource = dataSource;
        this.wakeUp = wakeUp;
        this.properties = properties;
    }

    void start() {
        if (!(dataSource instanceof HikariDataSource)) {
            log.info("Runs queued on other nodes are found by polling: the data source is not a connection pool");
            return;
        }
        running = true;
        listener = new Thread(this::listen, "run-queue-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection = open((HikariDataSource) dataSource);
                    Statement listen = connection.createStatement()) {
                listen.execute("listen " + CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        wakeUp.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.debug("Not listening for queued runs for now; workers poll meanwhile", e);
                    pause();
                }
            }
        }
    }

    /** A connection outside the pool: it is held for as long as the node runs, and must not take a pooled one. */
    private static Connection open(HikariDataSource pool) throws SQLException {
        var credentials = new Properties();
        if (pool.getUsername() != null) {
            credentials.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            credentials.setProperty("password", pool.getPassword());
        }
        return DriverManager.getConnection(pool.getJdbcUrl(), credentials);
    }

    private void pause() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }
}
