package io.patchbay.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One benchmark at a time on a PostgreSQL server: each drops and creates the same databases, and two at once would
 * drop each other's and measure each other's load. Held as a session-level advisory lock on the server's maintenance
 * database for as long as the benchmark runs; the server lets it go when the benchmark's JVM ends, however it ends.
 * A benchmark class takes it with {@code @ExtendWith(ServerLock.Held.class)}.
 */
final class ServerLock implements AutoCloseable {

    /** Holds the lock from before a benchmark class's first test to after its last. */
    static final class Held implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            // JUnit closes what its store holds once the class is done
            context.getStore(ExtensionContext.Namespace.create(ServerLock.class))
                    .put(ServerLock.class, take(BenchOptions.fromSystemProperties()));
        }
    }

    /** An arbitrary key that nothing else on the server takes: "bench" in ASCII. */
    private static final long KEY = 0x62656e6368L;

    private final Connection session;

    private ServerLock(Connection session) {
        this.session = session;
    }

    /** Takes the lock, or fails at once naming the server when another benchmark holds it. */
    static ServerLock take(BenchOptions options) {
        BenchDatabase server = BenchDatabase.server(options);
        try {
            Connection session = server.connect();
            try (ResultSet rs = session.createStatement().executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    session.close();
                    throw new IllegalStateException("Another benchmark is running on PostgreSQL at "
                            + options.postgresHost() + ":" + options.postgresPort()
                            + ": run one at a time (each drops and creates " + BenchDatabase.HUB
                            + ", and two at once measure each other), or give this one another server with"
                            + " -Dbench.postgres=host:port");
                }
            }
            return new ServerLock(session);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach PostgreSQL at " + server.jdbcUrl(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (SQLException e) {
            // the server releases a session's advisory locks when the session ends anyway
        }
    }
}
