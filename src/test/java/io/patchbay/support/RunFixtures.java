package io.patchbay.support;

import static org.awaitility.Awaitility.await;

import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;

/** A connection's runs as a test waits for them, read as the tenant's admin. */
public final class RunFixtures {

    /** A ceiling, not a budget: on a busy machine a run may wait behind others for the two workers. */
    private static final Duration RUN = Duration.ofMinutes(2);

    private final RunService runs;
    private final TenantId tenant;

    public RunFixtures(RunService runs, TenantId tenant) {
        this.runs = runs;
        this.tenant = tenant;
    }

    public Run newest(ConnectionId connection) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection, 1))
                .getFirst();
    }

    public Run awaitNewestFinished(ConnectionId connection) {
        await().atMost(RUN).until(() -> newest(connection).status().finished());
        return newest(connection);
    }

    /** Waits until none of the connection's recent runs is queued or running. */
    public void awaitIdle(ConnectionId connection) {
        await().atMost(RUN)
                .until(() -> Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection, 5)).stream()
                        .allMatch(run -> run.status().finished()));
    }

    public Run runNowAndWait(ConnectionId connection) {
        RunId id = Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> runs.runNow(connection));
        await().atMost(RUN).until(() -> find(id).status().finished());
        return find(id);
    }

    private Run find(RunId id) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> runs.find(id)).orElseThrow();
    }
}
