package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.SetupStep;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private final Connection active = connection(ConnectionState.ACTIVE);

    @Test
    void pausedConnectionIsPausedWhateverItsRuns() {
        var health = HealthRules.health(connection(ConnectionState.PAUSED), List.of(failed(ErrorClass.AUTH)));
        assertThat(health.status()).isEqualTo(HealthStatus.PAUSED);
        assertThat(health.fix()).contains("Resume");
    }

    @Test
    void newConnectionWithoutFinishedRunsIsNotYetSynced() {
        var health = HealthRules.health(active, List.of(run(RunStatus.RUNNING, null, 0)));
        assertThat(health.status()).isEqualTo(HealthStatus.NOT_YET_SYNCED);
        assertThat(health.reason()).contains("first sync");
    }

    @Test
    void anAuthFailureNeedsAPersonAtOnce() {
        var health = HealthRules.health(active, List.of(failed(ErrorClass.AUTH), succeeded()));
        assertThat(health.status()).isEqualTo(HealthStatus.FAILING);
        assertThat(health.reason()).contains("The API key was rejected");
        assertThat(health.fix()).isEqualTo("Paste the key again");
    }

    @Test
    void oneTransientFailureDegradesTwoFail() {
        assertThat(HealthRules.health(active, List.of(failed(ErrorClass.TRANSIENT), succeeded()))
                        .status())
                .isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthRules.health(active, List.of(failed(ErrorClass.TRANSIENT), failed(ErrorClass.RATE_LIMIT)))
                        .status())
                .isEqualTo(HealthStatus.FAILING);
    }

    @Test
    void aRecentFailureDegradesEvenAfterASuccess() {
        var health = HealthRules.health(active, List.of(succeeded(), failed(ErrorClass.TRANSIENT), succeeded()));
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.reason()).contains("1 of the last 3");
    }

    @Test
    void quarantiningMoreThanTheTemplateAllowsDegradesUntilTheQuarantineIsEmpty() {
        Run quarantinedTwoOfTen = run(RunStatus.SUCCEEDED_WITH_QUARANTINE, null, 2);

        var above = HealthRules.health(active, List.of(quarantinedTwoOfTen), new HealthRules.QuarantineState(2, 5));
        assertThat(above.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(above.reason())
                .isEqualTo("The last sync quarantined 2 of 10 records (20.0 %), more than the 5 % its template allows;"
                        + " 2 wait in quarantine.");
        assertThat(above.fix()).startsWith("Open the quarantine");

        var allowed = HealthRules.health(active, List.of(quarantinedTwoOfTen), new HealthRules.QuarantineState(2, 25));
        assertThat(allowed.status()).isEqualTo(HealthStatus.CONNECTED);
        assertThat(allowed.reason()).endsWith("2 records wait in quarantine.");

        var emptied = HealthRules.health(active, List.of(quarantinedTwoOfTen), new HealthRules.QuarantineState(0, 5));
        assertThat(emptied.status()).isEqualTo(HealthStatus.CONNECTED);
    }

    @Test
    void cleanRunsAreConnected() {
        assertThat(HealthRules.health(active, List.of(succeeded(), succeeded())).status())
                .isEqualTo(HealthStatus.CONNECTED);
    }

    private static Run succeeded() {
        return run(RunStatus.SUCCEEDED, null, 0);
    }

    private static Run failed(ErrorClass errorClass) {
        return run(RunStatus.FAILED, errorClass, 0);
    }

    private static Run run(RunStatus status, ErrorClass errorClass, int failedRecords) {
        Instant now = Instant.now();
        return new Run(
                new RunId(UUID.randomUUID()),
                new ConnectionId(UUID.randomUUID()),
                RunTrigger.SCHEDULE,
                status,
                "run-test",
                now,
                now,
                status.finished() ? now : null,
                10,
                10,
                failedRecords,
                0,
                0,
                errorClass,
                errorClass == ErrorClass.AUTH
                        ? "The API key was rejected."
                        : errorClass == null && failedRecords == 0 ? null : "Something went wrong.",
                errorClass == ErrorClass.AUTH ? "Paste the key again" : null);
    }

    static Connection connection(ConnectionState state) {
        Instant now = Instant.now();
        return new Connection(
                new ConnectionId(UUID.randomUUID()),
                new TenantId(UUID.randomUUID()),
                "CRM",
                "sandbox-crm-contacts",
                1,
                "sandbox-crm@1",
                state,
                SetupStep.SCHEDULE,
                tools.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("baseUrl", "https://crm.example.com"),
                java.util.Map.of("apiKey", "••••abcd"),
                null,
                null,
                15,
                "admin",
                now,
                now,
                now,
                null,
                0,
                false);
    }
}
