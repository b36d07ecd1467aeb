package io.patchbay.base.internal;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's health as load balancers and orchestrators read it: down within a couple of seconds when the
 * database does not answer, where the pool would make the check wait its full connection timeout (30 s) first. One
 * check at a time runs; while it hangs, every probe answers down at once.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator, DisposableBean {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(true);

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(this::valid, checks);
            }
            check = inFlight;
        }
        try {
            return check.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    ? Health.up().build()
                    : Health.down()
                            .withDetail("reason", "the database refused the check")
                            .build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("reason", "the database did not answer within " + WAIT.toSeconds() + " s")
                    .build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private boolean valid() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) WAIT.toSeconds());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
