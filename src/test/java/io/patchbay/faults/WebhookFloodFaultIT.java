package io.patchbay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.hub.HubFiles;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSettings;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import io.patchbay.support.hub.OwnedPostgres;
import io.patchbay.support.hub.WebhookEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Signed webhooks posted by 16 concurrent senders to one hub process, each message a unique id with one record: once
 * with no fault, and once with the hub killed (SIGKILL) mid-flood and started again while the senders keep retrying
 * what was not acknowledged. Either way, every message answered 2xx is applied exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WebhookFloodFaultIT {

    private static final String SCENARIO = "webhook-flood";
    private static final int SENDERS = 16;
    private static final int UNDISTURBED_MESSAGES = 20_000;
    private static final int KILLED_MESSAGES = 6_000;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private Path directory;
    private OwnedPostgres postgres;
    private Ledger ledger;
    private HubProcess hub;
    private String tenant;
    private WebhookEndpoint undisturbed;
    private WebhookEndpoint killed;

    @BeforeAll
    void hubWithTwoWebhookConnections() {
        directory = FaultFiles.scenario(SCENARIO);
        postgres = OwnedPostgres.fresh(directory.resolve("postgres"));
        ledger = new Ledger(postgres);
        int port = HubFiles.freePort();
        HubSettings settings = HubSettings.of(directory, postgres).withShortLease();
        try (var setup = HubSetup.boot(settings.onPort(port))) {
            undisturbed = setup.signedWebhooks("Webhooks, no fault");
            killed = setup.signedWebhooks("Webhooks, hub killed");
            tenant = setup.acme().toString();
        }
        hub = new HubProcess("hub", directory, port, settings);
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void withNoFaultEveryDeliveryIsAcknowledgedAndEveryAcknowledgedMessageAppliedOnce() {
        var figures = new Figures(SCENARIO + "/no-fault");
        ensureHubUp();
        Instant start = Instant.now();
        try (var flood = new WebhookFlood(
                "calm", List.of(undisturbed), () -> List.of(hub), SENDERS, UNDISTURBED_MESSAGES, ANSWER_TIMEOUT)) {
            boolean finished = flood.start().awaitFinished(Duration.ofMinutes(6));
            figures.note("flood took", Duration.between(start, Instant.now()));
            Duration settled = ledger.awaitSettled(
                    List.of(undisturbed.connectionId()), flood.acknowledgedSoFar(), Duration.ofMinutes(2));
            figures.note("settled after the flood in", settled);

            FloodVerdict verdict = FloodVerdict.of(flood, ledger, tenant);
            verdict.report(figures);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(finished)
                        .as("every message acknowledged in the end")
                        .isTrue();
                softly.assertThat(verdict.failures())
                        .as("valid deliveries that failed (%d sent) - see %s", verdict.sent(), directory)
                        .isEmpty();
                verdict.checkEveryAcknowledgedMessageAppliedOnce(softly);
                softly.assertThat(ledger.runs(List.of(undisturbed.connectionId())))
                        .as("runs left queued or running")
                        .noneMatch(Ledger.RunRow::unfinished);
            });
        }
    }

    @Test
    void aHubKilledMidFloodAppliesEveryAcknowledgedMessageOnceAfterItRestarts() {
        var figures = new Figures(SCENARIO + "/sigkill");
        ensureHubUp();
        try (var flood = new WebhookFlood(
                "killed", List.of(killed), () -> List.of(hub), SENDERS, KILLED_MESSAGES, ANSWER_TIMEOUT)) {
            flood.start();
            assertThat(flood.awaitAcknowledged(KILLED_MESSAGES / 3, Duration.ofMinutes(3)))
                    .as("a third of the flood acknowledged before the kill")
                    .isTrue();
            long pid = hub.kill();
            Instant killedAt = Instant.now();
            figures.note("kills", "1 (SIGKILL, pid " + pid + ")");
            figures.note("acknowledged before the kill", flood.acknowledgedSoFar());

            hub.start().awaitUp(Duration.ofMinutes(3));
            figures.note("kill to hub up again", Duration.between(killedAt, Instant.now()));
            boolean finished = flood.awaitFinished(Duration.ofMinutes(4));
            flood.firstAcknowledgedAfter(killedAt)
                    .ifPresent(at -> figures.note("kill to first acknowledgement", Duration.between(killedAt, at)));
            ledger.awaitSettled(List.of(killed.connectionId()), flood.acknowledgedSoFar(), Duration.ofMinutes(2));
            figures.note("kill to settled", Duration.between(killedAt, Instant.now()));

            FloodVerdict verdict = FloodVerdict.of(flood, ledger, tenant);
            verdict.report(figures);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(finished)
                        .as("every message acknowledged in the end: senders retried until the hub answered")
                        .isTrue();
                softly.assertThat(verdict.refusalsAndRedirects())
                        .as("valid deliveries refused or redirected")
                        .isEmpty();
                verdict.checkEveryAcknowledgedMessageAppliedOnce(softly);
                softly.assertThat(ledger.runs(List.of(killed.connectionId())))
                        .as("runs left queued or running")
                        .noneMatch(Ledger.RunRow::unfinished);
            });
        }
    }

    private void ensureHubUp() {
        if (!hub.alive()) {
            hub.start().awaitUp(Duration.ofMinutes(3));
        }
    }
}
