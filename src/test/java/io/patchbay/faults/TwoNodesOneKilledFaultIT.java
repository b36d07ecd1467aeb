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
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub processes on one PostgreSQL (Quartz clustered, one run queue with leases) take webhooks for four
 * connections from 16 senders that fail over between them; one node is killed with SIGKILL mid-flood and stays
 * dead. The other takes over its runs once their leases expire, and every acknowledged message is applied once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoNodesOneKilledFaultIT {

    private static final String SCENARIO = "two-nodes-one-killed";
    private static final int CONNECTIONS = 4;
    private static final int SENDERS = 16;
    private static final int MESSAGES = 12_000;
    private static final int MOST_KILLS = 5;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void theSurvivingNodeTakesOverTheKilledNodesRunsAndEveryAcknowledgedMessageIsAppliedOnce() {
        Path directory = FaultFiles.scenario(SCENARIO);
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"))) {
            HubSettings settings = HubSettings.of(directory, postgres).withShortLease();
            int portA = HubFiles.freePort();
            int portB = HubFiles.freePort();
            List<WebhookEndpoint> endpoints;
            String tenant;
            try (var setup = HubSetup.boot(settings.onPort(portA))) {
                endpoints = IntStream.rangeClosed(1, CONNECTIONS)
                        .mapToObj(i -> setup.signedWebhooks("Webhooks " + i + " (two nodes)"))
                        .toList();
                tenant = setup.acme().toString();
            }
            List<String> connections =
                    endpoints.stream().map(WebhookEndpoint::connectionId).toList();
            var ledger = new Ledger(postgres);

            try (var a = new HubProcess("node-a", directory, portA, settings);
                    var b = new HubProcess("node-b", directory, portB, settings);
                    var flood = new WebhookFlood(
                            "two", endpoints, () -> List.of(a, b), SENDERS, MESSAGES, ANSWER_TIMEOUT)) {
                // one after the other: both write the same frontend files when they start in development mode
                a.start().awaitUp(Duration.ofMinutes(3));
                b.start().awaitUp(Duration.ofMinutes(3));
                flood.start();
                assertThat(flood.awaitAcknowledged(MESSAGES / 3, Duration.ofMinutes(3)))
                        .as("a third of the flood acknowledged before the kill")
                        .isTrue();
                // runs are short: the node may finish the run it held between the look and the kill, so it is
                // started again and killed again until it dies holding one
                long pid = 0;
                Instant killedAt = null;
                List<Ledger.RunRow> held = List.of();
                int kills = 0;
                while (held.isEmpty() && kills < MOST_KILLS) {
                    if (kills > 0) {
                        a.start().awaitUp(Duration.ofMinutes(3));
                    }
                    awaitRunsHeldBy(ledger, connections, a.pid());
                    pid = a.kill();
                    killedAt = Instant.now();
                    kills++;
                    // what the dead node still holds: nothing changes these rows until their leases expire
                    held = ledger.runningOn(connections, pid);
                }
                figures.note("kills", kills + " (SIGKILL, node A, the last pid " + pid + ")");
                figures.note("acknowledged before the last kill", flood.acknowledgedSoFar());
                figures.note("runs node A held when it was last killed", held);
                assertThat(held)
                        .as("node A died holding a run within " + MOST_KILLS + " kills")
                        .isNotEmpty();
                long killedPid = pid;
                for (Ledger.RunRow run : held) {
                    ledger.awaitRun(
                            run.id(),
                            r -> !(r.status().equals("running")
                                    && r.leaseOwner() != null
                                    && r.leaseOwner().startsWith(killedPid + "@")),
                            Duration.ofMinutes(2));
                }
                figures.note("kill to node A's runs taken over", Duration.between(killedAt, Instant.now()));

                boolean finished = flood.awaitFinished(Duration.ofMinutes(4));
                ledger.awaitSettled(connections, flood.acknowledgedSoFar(), Duration.ofMinutes(2));
                figures.note("kill to settled", Duration.between(killedAt, Instant.now()));
                List<Ledger.RunRow> heldAfter = held.stream()
                        .map(run -> ledger.run(run.id()).orElseThrow())
                        .toList();
                figures.note("node A's runs in the end", heldAfter);

                FloodVerdict verdict = FloodVerdict.of(flood, ledger, tenant);
                verdict.report(figures);
                SoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(finished)
                            .as("every message acknowledged in the end: senders failed over to node B")
                            .isTrue();
                    softly.assertThat(verdict.refusalsAndRedirects())
                            .as("valid deliveries refused or redirected")
                            .isEmpty();
                    verdict.checkEveryAcknowledgedMessageAppliedOnce(softly);
                    softly.assertThat(heldAfter)
                            .as(
                                    "node A's runs, taken over by node B: resumed, or cancelled where a newer run carried on")
                            .allMatch(run -> !run.unfinished()
                                    && (run.attempts() >= 2 || run.status().equals("cancelled")));
                    softly.assertThat(ledger.unfinishedRuns())
                            .as("runs left queued or running")
                            .isEmpty();
                });
            }
        }
    }

    /** Waits until the node holds a run (with four connections flooded, it soon does). */
    private static void awaitRunsHeldBy(Ledger ledger, List<String> connections, long pid) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (ledger.runningOn(connections, pid).isEmpty() && Instant.now().isBefore(deadline)) {
            HubProcess.pause(Duration.ofMillis(20));
        }
    }
}
