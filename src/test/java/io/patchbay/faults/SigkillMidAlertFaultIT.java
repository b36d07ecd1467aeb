package io.patchbay.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.hub.HubFiles;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSettings;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import io.patchbay.support.hub.OwnedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hub killed with SIGKILL while it posts an alert to a webhook channel, and started again: every notice queued for
 * the channel is delivered, none lost; the one cut short is sent again with the same webhook-id, so the receiver can
 * tell it is the same message, and each delivery is recorded sent once.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SigkillMidAlertFaultIT {

    private static final String SCENARIO = "sigkill-mid-alert";
    private static final int NOTICES = 5;

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void anAlertCutShortByAKillIsSentAgainWithItsIdAndNoneIsLost() {
        Path directory = FaultFiles.scenario(SCENARIO);
        var receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"))) {
            // the first post hangs long enough for the kill to land in it; what comes after is taken at once
            receiver.stubFor(post(urlPathEqualTo("/alerts"))
                    .inScenario("slow first")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(204).withFixedDelay(8_000))
                    .willSetStateTo("quick"));
            receiver.stubFor(post(urlPathEqualTo("/alerts"))
                    .inScenario("slow first")
                    .whenScenarioStateIs("quick")
                    .willReturn(aResponse().withStatus(204)));
            String url = "http://" + PrivateNetwork.HOST + ":" + PrivateNetwork.expose(receiver.port()) + "/alerts";

            int port = HubFiles.freePort();
            HubSettings settings = HubSettings.of(directory, postgres)
                    .withShortLease()
                    .with("patchbay.alerts.lease", "5s")
                    .with("patchbay.alerts.retries", "1s,1s,1s");
            try (var setup = HubSetup.boot(settings.onPort(port))) {
                setup.alertWebhook(url);
                String connection = setup.sandboxCrmContacts("CRM contacts (SIGKILL mid-alert)", Map.of(), 1440);
                for (int i = 1; i <= NOTICES; i++) {
                    setup.sendFix(connection, "Fix number " + i + ": paste the API key again");
                }
            }
            var ledger = new Ledger(postgres);
            assertThat(ledger.alertDeliveries())
                    .hasSize(NOTICES)
                    .allSatisfy(row -> assertThat(row.state()).isEqualTo("pending"));

            try (var hub = new HubProcess("hub", directory, port, settings)) {
                hub.start().awaitUp(Duration.ofMinutes(3));
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> !receiver.findAll(postRequestedFor(urlPathEqualTo("/alerts")))
                                .isEmpty());
                long pid = hub.kill();
                figures.note("kills", "1 (SIGKILL, pid " + pid + ", while the first alert's post hung)");
                List<Ledger.AlertRow> atKill = ledger.alertDeliveries();
                figures.note("deliveries at the kill", atKill);
                assertThat(atKill)
                        .as("the kill landed mid-send: nothing recorded sent yet")
                        .noneSatisfy(row -> assertThat(row.state()).isEqualTo("sent"));

                hub.start().awaitUp(Duration.ofMinutes(3));
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> ledger.alertDeliveries().stream()
                                .allMatch(row -> row.state().equals("sent")));
                List<Ledger.AlertRow> after = ledger.alertDeliveries();
                figures.note("deliveries after the restart", after);
                assertThat(after).hasSize(NOTICES).allSatisfy(row -> {
                    assertThat(row.state()).isEqualTo("sent");
                    assertThat(row.lastOutcome()).isEqualTo("HTTP 204");
                });

                List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlPathEqualTo("/alerts")));
                Map<String, Long> byId = posts.stream()
                        .collect(Collectors.groupingBy(r -> r.getHeader("webhook-id"), Collectors.counting()));
                figures.note("posts received", posts.size());
                figures.note("posts by webhook-id", byId);
                assertThat(byId).as("every notice arrived").hasSize(NOTICES);
                assertThat(byId.values())
                        .as("the post cut short came again with its id; the rest once")
                        .containsOnly(1L, 2L)
                        .filteredOn(count -> count == 2L)
                        .hasSize(1);
            }
        } finally {
            receiver.stop();
        }
    }
}
