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
    void aSuccessAfterFailuresClearsThemAndSaysSo() {
        var health = HealthRules.health(active, List.of(succeeded(), failed(ErrorClass.AUTH), succeeded()));
        assertThat(health.status()).isEqualTo(HealthStatus.CONNECTED);
        assertThat(health.reason()).isEqualTo("The last sync succeeded. The failed sync before it is cleared.");
        assertThat(HealthRules.health(
                                active,
                                List.of(succeeded(), failed(ErrorClass.TRANSIENT), failed(ErrorClass.TRANSIENT)))
                        .reason())
                .isEqualTo("The last sync succeeded. The 2 failed syncs before it are cleared.");
    }

    @Test
    void moreRecordsInQuarantineThanTheTemplateAllowsDegradeUntilTheyAreDealtWith() {
        Run firstSync = run(RunTrigger.ACTIVATION, RunStatus.SUCCEEDED_WITH_QUARANTINE, null, 20, 300);

        var above = HealthRules.health(active, List.of(firstSync), new HealthRules.QuarantineState(20, 280, 5));
        assertThat(above.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(above.reason())
                .isEqualTo("The last sync quarantined 20 of 300 records (6.7 %), more than the 5 % its template"
                        + " allows; 20 wait in quarantine.");
        assertThat(above.fix()).startsWith("Open the quarantine");

        // one of them was reprocessed: the last sync that read the source still judges it, 19 still wait
        Run reprocess = run(RunTrigger.REPROCESS, RunStatus.SUCCEEDED, null, 0, 1);
        var oneFixed =
                HealthRules.health(active, List.of(reprocess, firstSync), new HealthRules.QuarantineState(19, 281, 5));
        assertThat(oneFixed.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(oneFixed.reason()).endsWith("19 wait in quarantine.");

        // a later sync quarantined nothing: the 19 still waiting are more of the connection's records than allowed
        var later = HealthRules.health(
                active, List.of(succeeded(), reprocess, firstSync), new HealthRules.QuarantineState(19, 281, 5));
        assertThat(later.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(later.reason())
                .isEqualTo("19 records wait in quarantine: 6.3 % of this connection's 300 records, more than the 5 %"
                        + " its template allows.");

        var allowed = HealthRules.health(active, List.of(firstSync), new HealthRules.QuarantineState(20, 280, 10));
        assertThat(allowed.status()).isEqualTo(HealthStatus.CONNECTED);
        assertThat(allowed.reason()).endsWith("20 records wait in quarantine.");

        var emptied =
                HealthRules.health(active, List.of(reprocess, firstSync), new HealthRules.QuarantineState(0, 300, 5));
        assertThat(emptied.status()).isEqualTo(HealthStatus.CONNECTED);
        assertThat(emptied.reason()).isEqualTo("The last sync succeeded.");
    }

    @Test
    void aFailureThatNeedsAPersonIsFailingWhateverWaitsInQuarantine() {
        Run firstSync = run(RunStatus.SUCCEEDED_WITH_QUARANTINE, null, 20);
        var health = HealthRules.health(
                active, List.of(failed(ErrorClass.AUTH), firstSync), new HealthRules.QuarantineState(20, 280, 5));
        assertThat(health.status()).isEqualTo(HealthStatus.FAILING);
        // and the admins hear of it, though the connection was already Degraded
        assertThat(HealthTransitions.notice(HealthStatus.DEGRADED, health.status()))
                .contains(Notice.Kind.ALERT);
    }

    @Test
    void accessGrantedAgainAfterARefusalIsDegradedUntilTheSyncThatChecksItEnds() {
        Run refused = failed(ErrorClass.AUTH);
        var consent = new io.patchbay.connection.ConnectionConsent(
                "ada@example.com", "admin", refused.finishedAt().plusSeconds(5));
        var health = HealthRules.health(
                new HealthRules.Inputs(active, List.of(refused), HealthRules.QuarantineState.NONE, null, consent));
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.reason()).startsWith("Access was granted again by admin");
        assertThat(HealthTransitions.notice(HealthStatus.FAILING, health.status()))
                .as("better, not yet well")
                .isEmpty();
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
        return run(RunTrigger.SCHEDULE, status, errorClass, failedRecords, 10);
    }

    private static Run run(RunTrigger trigger, RunStatus status, ErrorClass errorClass, int failedRecords, int read) {
        Instant now = Instant.now();
        return new Run(
                new RunId(UUID.randomUUID()),
                new ConnectionId(UUID.randomUUID()),
                trigger,
                status,
                "run-test",
                now,
                now,
                status.finished() ? now : null,
                read,
                read,
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
