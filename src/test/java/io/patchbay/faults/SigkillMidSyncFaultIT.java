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
 * A hub killed with SIGKILL in the middle of a sync, and started again: the run it held is reclaimed once its lease
 * expires and resumes from the last committed checkpoint, and the core store ends equal to the source, every contact
 * once.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SigkillMidSyncFaultIT {

    private static final String SCENARIO = "sigkill-mid-sync";
    private static final int CONTACTS = 3_000;
    /** The sandbox CRM connector's page size: a resumed run re-reads at most the page it had not committed. */
    private static final int PAGE = 100;

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void aSyncKilledMidRunIsTakenOverAfterItsLeaseAndEndsEqualToTheSource() {
        Path directory = FaultFiles.scenario(SCENARIO);
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"))) {
            int port = HubFiles.freePort();
            // 10 requests per 10 s at the CRM: 3,000 contacts in pages of 100 take about half a minute
            HubSettings settings =
                    HubSettings.of(directory, postgres).withShortLease().withSandboxCrm(CONTACTS, 10, "10s");
            String connection;
            String tenant;
            try (var setup = HubSetup.boot(settings.onPort(port))) {
                connection = setup.sandboxCrmContacts("CRM contacts (SIGKILL mid-sync)");
                tenant = setup.acme().toString();
            }
            var ledger = new Ledger(postgres);
            String run = ledger.runs(List.of(connection)).get(0).id();
            assertThat(ledger.sandboxContacts()).isEqualTo(CONTACTS);

            try (var hub = new HubProcess("hub", directory, port, settings)) {
                hub.start().awaitUp(Duration.ofMinutes(3));
                ledger.awaitRun(run, r -> r.recordsRead() >= CONTACTS / 5 || !r.unfinished(), Duration.ofMinutes(3));

                long pid = hub.kill();
                Instant killedAt = Instant.now();
                Ledger.RunRow atKill = ledger.run(run).orElseThrow();
                figures.note("kills", "1 (SIGKILL, pid " + pid + ")");
                figures.note("contacts read and committed before the kill", atKill.recordsRead());
                assertThat(atKill.status())
                        .as("the kill landed mid-run: %s", atKill)
                        .isEqualTo("running");
                assertThat(atKill.recordsRead()).isBetween(1, CONTACTS - 1);

                hub.start().awaitUp(Duration.ofMinutes(3));
                figures.note("kill to hub up again", Duration.between(killedAt, Instant.now()));
                Ledger.RunRow after = ledger.awaitRun(run, r -> !r.unfinished(), Duration.ofMinutes(3));
                figures.note(
                        "kill to run finished",
                        after.unfinished() ? "not finished" : Duration.between(killedAt, Instant.now()));
                figures.note("run after the restart", after);

                assertThat(after.status())
                        .as("the killed run ends well: %s (logs in %s)", after, directory)
                        .isEqualTo("succeeded");
                assertThat(after.attempts())
                        .as("claimed again after its lease expired")
                        .isGreaterThanOrEqualTo(2);
                assertThat(after.recordsRead())
                        .as("resumed from its checkpoint: read at most one page again, not from the start")
                        .isBetween(CONTACTS, CONTACTS + PAGE);
                assertThat(ledger.appliedCount(List.of(connection)))
                        .as("every contact linked once")
                        .isEqualTo(CONTACTS);
                assertThat(ledger.coreRecords(tenant, "contact"))
                        .as("every contact stored once")
                        .isEqualTo(CONTACTS);
                assertThat(ledger.contactsDifferingFromSource(connection))
                        .as("core records that differ from the sandbox CRM's contacts")
                        .isZero();
                assertThat(ledger.unfinishedRuns())
                        .as("runs left queued or running")
                        .isEmpty();
            }
        }
    }
}
