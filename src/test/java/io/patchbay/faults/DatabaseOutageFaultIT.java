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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped for 45 seconds under load (a sync running, webhooks arriving) and started again. While it is
 * down the hub says so: {@code /actuator/health} answers 503 without hanging, webhooks get 5xx (never a 2xx that is
 * later lost, never a redirect). Once it is back, every acknowledged message is applied once, the interrupted run is
 * taken over and finishes from its checkpoint, and no run stays running.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DatabaseOutageFaultIT {

    private static final String SCENARIO = "database-outage";
    private static final int CONTACTS = 3_000;
    private static final int PAGE = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(45);
    /** A load balancer's health check gives up after a few seconds: a hanging answer is no answer. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private static final int SENDERS = 8;
    /** Long enough to see what the hub answers at last rather than give up on it. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void whileTheDatabaseIsDownTheHubSaysSoAndOnceItIsBackNothingIsLostOrStuck() {
        Path directory = FaultFiles.scenario(SCENARIO);
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"))) {
            int port = HubFiles.freePort();
            HubSettings settings =
                    HubSettings.of(directory, postgres).withShortLease().withSandboxCrm(CONTACTS, 10, "10s");
            String contacts;
            WebhookEndpoint webhooks;
            String tenant;
            try (var setup = HubSetup.boot(settings.onPort(port))) {
                contacts = setup.sandboxCrmContacts("CRM contacts (database outage)");
                webhooks = setup.signedWebhooks("Webhooks (database outage)");
                tenant = setup.acme().toString();
            }
            var ledger = new Ledger(postgres);
            String run = ledger.runs(List.of(contacts)).get(0).id();

            try (var hub = new HubProcess("hub", directory, port, settings);
                    var flood = new WebhookFlood(
                            "outage", List.of(webhooks), () -> List.of(hub), SENDERS, 0, ANSWER_TIMEOUT)) {
                hub.start().awaitUp(Duration.ofMinutes(3));
                flood.start();
                ledger.awaitRun(run, r -> r.recordsRead() >= CONTACTS / 5 || !r.unfinished(), Duration.ofMinutes(3));
                assertThat(flood.awaitAcknowledged(200, Duration.ofMinutes(1))).isTrue();

                Ledger.RunRow atOutage = ledger.run(run).orElseThrow();
                assertThat(atOutage.status())
                        .as("the sync is mid-run: %s", atOutage)
                        .isEqualTo("running");
                assertThat(atOutage.recordsRead())
                        .as("the sync is mid-run: %s", atOutage)
                        .isBetween(1, CONTACTS - 1);
                postgres.stop();
                Instant stoppedAt = Instant.now();
                figures.note("contacts committed before the outage", atOutage.recordsRead());
                figures.note("webhooks acknowledged before the outage", flood.acknowledgedSoFar());
                List<String> probes = new ArrayList<>();
                Map<String, Integer> probeAnswers = new TreeMap<>();
                while (Duration.between(stoppedAt, Instant.now()).compareTo(OUTAGE) < 0) {
                    HubProcess.Probe probe = hub.health(HEALTH_TIMEOUT);
                    probes.add(Duration.between(stoppedAt, Instant.now()).toSeconds() + " s: " + probe);
                    probeAnswers.merge(probe.toString(), 1, Integer::sum);
                    HubProcess.pause(Duration.ofSeconds(4));
                }
                Duration rest = Duration.between(Instant.now(), stoppedAt.plus(OUTAGE));
                if (!rest.isNegative()) {
                    HubProcess.pause(rest);
                }
                postgres.start();
                Instant startedAt = Instant.now();
                figures.note("database down for", Duration.between(stoppedAt, startedAt));
                figures.note("/actuator/health while it was down", probes);

                hub.awaitUp(Duration.ofMinutes(2));
                figures.note("database back to hub healthy", Duration.between(startedAt, Instant.now()));
                int acknowledgedAtRestart = flood.acknowledgedSoFar();
                flood.awaitAcknowledged(acknowledgedAtRestart + 300, Duration.ofMinutes(2));
                flood.stopSendingNew();
                boolean finished = flood.awaitFinished(Duration.ofMinutes(3));
                flood.firstAcknowledgedAfter(startedAt)
                        .ifPresent(at -> figures.note(
                                "database back to first webhook acknowledged", Duration.between(startedAt, at)));
                // the rest of the contacts take about half a minute at the sandbox's pace
                Ledger.RunRow after = ledger.awaitRun(run, r -> !r.unfinished(), Duration.ofMinutes(2));
                figures.note(
                        "database back to run finished",
                        after.unfinished() ? "not finished" : Duration.between(startedAt, Instant.now()));
                figures.note("run after the outage", after);
                ledger.awaitSettled(List.of(webhooks.connectionId()), flood.acknowledgedSoFar(), Duration.ofMinutes(2));

                FloodVerdict verdict = FloodVerdict.of(flood, ledger, tenant);
                verdict.report(figures);
                Map<String, Integer> answeredWhileDown = new TreeMap<>();
                flood.attempts()
                        .filter(a -> a.sentBetween(stoppedAt, startedAt)
                                && a.answeredAt().isBefore(startedAt))
                        .forEach(a -> answeredWhileDown.merge(a.kind(), 1, Integer::sum));
                Map<String, Integer> sentWhileDown = new TreeMap<>();
                flood.attempts()
                        .filter(a -> a.sentBetween(stoppedAt, startedAt))
                        .forEach(a -> sentWhileDown.merge(a.kind(), 1, Integer::sum));
                figures.note("webhook answers while the database was down", answeredWhileDown);
                figures.note("webhook answers to attempts sent while it was down", sentWhileDown);

                SoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(probeAnswers.keySet())
                            .as("/actuator/health while the database was down: %s", probes)
                            .containsOnly("503");
                    softly.assertThat(answeredWhileDown.keySet())
                            .as("webhook answers while the database was down: only 5xx")
                            .allMatch(kind -> kind.startsWith("HTTP 5"));
                    softly.assertThat(sentWhileDown.keySet())
                            .as("webhooks sent while the database was down: answered 5xx, or 2xx once it was back")
                            .allMatch(kind -> kind.startsWith("HTTP 5") || kind.startsWith("HTTP 2"));
                    softly.assertThat(verdict.refusalsAndRedirects())
                            .as("valid deliveries refused or redirected")
                            .isEmpty();
                    softly.assertThat(finished)
                            .as("every message acknowledged in the end")
                            .isTrue();
                    verdict.checkEveryAcknowledgedMessageAppliedOnce(softly);
                    softly.assertThat(after.status())
                            .as("the interrupted run ends well: %s", after)
                            .isEqualTo("succeeded");
                    softly.assertThat(after.recordsRead())
                            .as("the interrupted run resumed from its checkpoint")
                            .isBetween(CONTACTS, CONTACTS + PAGE);
                    softly.assertThat(ledger.contactsDifferingFromSource(contacts))
                            .as("core records that differ from the sandbox CRM's contacts")
                            .isZero();
                    softly.assertThat(ledger.unfinishedRuns())
                            .as("runs left queued or running")
                            .isEmpty();
                });
            }
        }
    }
}
