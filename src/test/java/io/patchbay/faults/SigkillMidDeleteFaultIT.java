package io.patchbay.faults;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.hub.HubDatabase;
import io.patchbay.support.hub.HubFiles;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSettings;
import io.patchbay.support.hub.HubSetup;
import io.patchbay.support.hub.Ledger;
import io.patchbay.support.hub.OwnedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hub killed with SIGKILL while it deletes a connection and its records, pressed in the browser: the deletion is
 * one transaction (the connection, its records, identity links, Quartz schedule and audit entry), so after the
 * restart the connection is whole (every record, its schedule) and deleting it again finishes the job, leaving
 * nothing behind. Nothing was acknowledged to the admin, so nothing is lost.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SigkillMidDeleteFaultIT {

    private static final String SCENARIO = "sigkill-mid-delete";
    /** Enough records that removing them takes the hub's transaction long enough to be seen open and killed. */
    private static final int CONTACTS = 30_000;

    private static final String NAME = "CRM contacts (SIGKILL mid-delete)";

    private final Figures figures = new Figures(SCENARIO);

    @Test
    void aDeletionKilledMidTransactionLeavesTheConnectionWholeAndCanBeFinished() {
        Path directory = FaultFiles.scenario(SCENARIO);
        try (var postgres = OwnedPostgres.fresh(directory.resolve("postgres"));
                var browser = new BrowserSession()) {
            int port = HubFiles.freePort();
            HubSettings settings = HubSettings.of(directory, postgres).withSandboxCrm(CONTACTS, 1_000, "1s");
            String connection;
            String tenant;
            try (var setup = HubSetup.boot(settings.onPort(port))) {
                connection = setup.sandboxCrmContacts(NAME);
                tenant = setup.acme().toString();
            }
            var ledger = new Ledger(postgres);
            String firstSync = ledger.runs(List.of(connection)).get(0).id();

            try (var hub = new HubProcess("hub", directory, port, settings)) {
                hub.start().awaitUp(Duration.ofMinutes(3));
                Ledger.RunRow synced = ledger.awaitRun(firstSync, r -> !r.unfinished(), Duration.ofMinutes(4));
                assertThat(synced.status()).as("the first sync: %s", synced).isEqualTo("succeeded");
                Whole before = Whole.of(postgres, connection, tenant);
                assertThat(before).isEqualTo(new Whole(true, CONTACTS, CONTACTS, true, 0));

                Page page = browser.newPage();
                askToDelete(page, hub.baseUrl(), connection);
                Instant pressed = Instant.now();
                boolean seenOpen = awaitDeletionInProgress(postgres, Duration.ofSeconds(30));
                long pid = hub.kill();
                figures.note(
                        "kills",
                        "1 (SIGKILL, pid " + pid + "), " + Duration.between(pressed, Instant.now())
                                + " after Delete connection was pressed");
                assertThat(seenOpen)
                        .as("the hub's deletion was seen removing records before the kill")
                        .isTrue();

                Whole afterKill = Whole.of(postgres, connection, tenant);
                figures.note("after the kill", afterKill);
                assertThat(afterKill)
                        .as("a deletion killed mid-way changed nothing")
                        .isEqualTo(before);

                hub.start().awaitUp(Duration.ofMinutes(3));
                assertThat(Whole.of(postgres, connection, tenant))
                        .as("after the restart")
                        .isEqualTo(before);

                page = browser.newPage();
                askToDelete(page, hub.baseUrl(), connection);
                assertThat(page.getByText("Deleted " + NAME + "."))
                        .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                                .setTimeout(60_000));
                Whole deleted = Whole.of(postgres, connection, tenant);
                figures.note("after deleting again", deleted);
                assertThat(deleted)
                        .as("the connection and everything of it gone, deleted once")
                        .isEqualTo(new Whole(false, 0, 0, false, 1));
            }
        }
    }

    /** Signs in as the demo admin, opens the connection and confirms its deletion with its records. */
    private static void askToDelete(Page page, String baseUrl, String connection) {
        BrowserSession.signIn(page, baseUrl, "admin", "patchbay-demo");
        page.navigate(baseUrl + "/connections/" + connection);
        button(page, "Delete").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByText("Remove them").click();
        dialog.getByLabel("Type the connection's name to confirm").fill(NAME);
        button(page, "Delete connection").click();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name))
                .first();
    }

    /** Waits until some session of the hub is inside a transaction that removes the connection's core records. */
    private static boolean awaitDeletionInProgress(HubDatabase database, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = database.connect();
                    PreparedStatement statement = c.prepareStatement("""
                            select count(*) from pg_stat_activity
                            where pid <> pg_backend_pid() and xact_start is not null
                              and query ~* '^delete from .*(identity_link|core_record)'
                            """);
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return true;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            HubProcess.pause(Duration.ofMillis(5));
        }
        return false;
    }

    /** What there is of a connection: its row, its identity links, the tenant's contacts, its schedule, deletions. */
    record Whole(boolean connection, int links, int contacts, boolean scheduled, int deletionsAudited) {

        static Whole of(HubDatabase database, String connection, String tenant) {
            return new Whole(
                    count(database, "select count(*) from connection where id = ?::uuid", connection) == 1,
                    count(database, "select count(*) from identity_link where connection_id = ?::uuid", connection),
                    count(
                            database,
                            "select count(*) from core_record where tenant_id = ?::uuid and entity = 'contact'",
                            tenant),
                    count(database, "select count(*) from qrtz_triggers where trigger_name = ?", connection) == 1,
                    count(
                            database,
                            "select count(*) from audit_entry where action = 'connection.deleted' and object_id = ?",
                            connection));
        }

        private static int count(HubDatabase database, String sql, String parameter) {
            try (Connection c = database.connect();
                    PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }
}
