package io.patchbay.support;

import static org.awaitility.Awaitility.await;

import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.Health;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stored health as a test reads it: health is evaluated right after the change that causes it commits (for a run, on
 * the worker's thread just after the run's end is recorded), so a test waits for the health it expects, a little.
 */
public final class HealthFixtures {

    private static final Duration EVALUATED_WITHIN = Duration.ofSeconds(90);

    private HealthFixtures() {}

    /** Waits until the connection's stored health is {@code expected}, and returns it; fails with the last one seen. */
    public static Health awaitHealth(
            HealthService health, TenantId tenant, ConnectionId connection, HealthStatus expected) {
        var seen = new AtomicReference<ConnectionHealth>();
        try {
            await().atMost(EVALUATED_WITHIN).pollInSameThread().until(() -> {
                seen.set(Actors.as(tenant, Role.SUPPORT_AGENT, () -> health.current(connection))
                        .orElse(null));
                return seen.get() != null && seen.get().health().status() == expected;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Health of " + connection + " is not " + expected + " but " + seen.get(), e);
        }
        return seen.get().health();
    }
}
