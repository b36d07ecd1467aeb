package io.patchbay.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.hub.HubFiles;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSettings;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import io.patchbay.support.hub.OwnedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hub killed with SIGKILL while it reprocesses quarantined records, and started again: the records a person asked
 * to have reprocessed (the request was acknowledged) are all taken up by the reclaimed run, none lost and none applied
 * twice. The run reads the source first, and the source has changed a lot meanwhile, so the kill lands there.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SigkillMidReprocessFaultIT {

    private static final String SCENARIO = "sigkill-mid-reprocess";
    private static final int CONTACTS = 3_000;
    /** Spoiled at one instant: fewer than the CRM's page, which is what it can page by change time. */
    private static final int SPOILED = 60;

    private static final int CHANGED = 2_000;

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void aReprocessKilledMidRunIsTakenOverAndEveryRequestedRecordLeavesQuarantineOnce() {
        Path directory = FaultFiles.scenario(SCENARIO);
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"))) {
            int port = HubFiles.freePort();
            // 10 requests per 10 s at the CRM: 2,000 changed contacts in pages of 100 take about 20 s to read again
            HubSettings settings =
                    HubSettings.of(directory, postgres).withShortLease().withSandboxCrm(CONTACTS, 10, "10s");
            String connection;
            String tenant;
            try (var setup = HubSetup.boot(settings.onPort(port))) {
                setup.spoilCrmEmails(SPOILED);
                connection = setup.sandboxCrmContacts("CRM contacts (SIGKILL mid-reprocess)");
                tenant = setup.acme().toString();
            }
            var ledger = new Ledger(postgres);
            String firstSync = ledger.runs(List.of(connection)).get(0).id();

            try (var hub = new HubProcess("hub", directory, port, settings)) {
                hub.start().awaitUp(Duration.ofMinutes(3));
                Ledger.RunRow synced = ledger.awaitRun(firstSync, r -> !r.unfinished(), Duration.ofMinutes(3));
                assertThat(synced.status()).as("the first sync: %s", synced).isEqualTo("succeeded_with_quarantine");
                assertThat(ledger.quarantinedCount(List.of(connection))).isEqualTo(SPOILED);

                int requested;
                try (var admin = HubSetup.beside(settings, port)) {
                    admin.changeCrmContacts(CHANGED);
                    requested = admin.fixMappingAndReprocess(connection);
                }
                assertThat(requested).isEqualTo(SPOILED);
                String reprocess = ledger.runs(List.of(connection)).stream()
                        .filter(r -> r.trigger().equals("reprocess"))
                        .findFirst()
                        .orElseThrow()
                        .id();
                ledger.awaitRun(
                        reprocess, r -> r.recordsRead() >= CHANGED / 5 || !r.unfinished(), Duration.ofMinutes(3));

                long pid = hub.kill();
                Instant killedAt = Instant.now();
                Ledger.RunRow atKill = ledger.run(reprocess).orElseThrow();
                figures.note("kills", "1 (SIGKILL, pid " + pid + ")");
                figures.note("reprocess run at the kill", atKill);
                figures.note("records still in quarantine at the kill", ledger.quarantinedCount(List.of(connection)));
                assertThat(atKill.status())
                        .as("the kill landed mid-run: %s", atKill)
                        .isEqualTo("running");

                hub.start().awaitUp(Duration.ofMinutes(3));
                Ledger.RunRow after = ledger.awaitRun(reprocess, r -> !r.unfinished(), Duration.ofMinutes(3));
                figures.note(
                        "kill to run finished",
                        after.unfinished() ? "not finished" : Duration.between(killedAt, Instant.now()));
                figures.note("reprocess run after the restart", after);

                assertThat(after.status())
                        .as("the killed reprocess run ends well: %s (logs in %s)", after, directory)
                        .isEqualTo("succeeded");
                assertThat(after.attempts())
                        .as("claimed again after its lease expired")
                        .isGreaterThanOrEqualTo(2);
                assertThat(ledger.quarantinedCount(List.of(connection)))
                        .as("records left in quarantine")
                        .isZero();
                assertThat(ledger.appliedCount(List.of(connection)))
                        .as("every contact linked once")
                        .isEqualTo(CONTACTS);
                assertThat(ledger.coreRecords(tenant, "contact"))
                        .as("every contact stored once")
                        .isEqualTo(CONTACTS);
                assertThat(ledger.unlinkedCoreRecords(tenant, "contact")).isZero();
                assertThat(ledger.unfinishedRuns())
                        .as("runs left queued or running")
                        .isEmpty();
            }
        }
    }
}
