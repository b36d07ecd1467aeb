package io.patchbay.base;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears one PostgreSQL notification channel on a connection of its own (outside the pool: it is held for as long as the
 * node runs) and hands each notification's payload to a consumer, on its own thread. Notifications are delivered at
 * the notifying transaction's commit, on every node. While the database is away nothing is heard: those who listen
 * must not depend on it alone (they poll, or refresh on the next one).
 */
public final class PostgresChannel {

    private static final Logger log = LoggerFactory.getLogger(PostgresChannel.class);
    private static final int WAIT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> onNotification;
    private final Duration retryAfter;
    private volatile boolean running;
    private @Nullable Thread listener;

    public PostgresChannel(
            DataSource dataSource, String channel, Consumer<String> onNotification, Duration retryAfter) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.onNotification = onNotification;
        this.retryAfter = retryAfter;
    }

    public void start() {
        if (!(dataSource instanceof HikariDataSource)) {
            log.info("Not listening on {}: the data source is not a connection pool", channel);
            return;
        }
        running = true;
        Thread thread = new Thread(this::listen, channel + "-listener");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = open((HikariDataSource) dataSource);
                    Statement listen = connection.createStatement()) {
                listen.execute("listen " + channel);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.debug("Not listening on {} for now", channel, e);
                    pause();
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            onNotification.accept(payload);
        } catch (RuntimeException e) {
            log.warn("A listener of {} failed on {}", channel, payload, e);
        }
    }

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
            Thread.sleep(retryAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
