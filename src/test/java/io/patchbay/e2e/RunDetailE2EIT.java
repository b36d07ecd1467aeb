package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.Connection;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From a connection's timeline, a run opens on its own page: its counts, checkpoints and searchable log; a retry refused
 * by then says why.
 */
class RunDetailE2EIT extends BrowserJourney {

    @Test
    void aRunOpensOnItsOwnPageWithEachRequestAndPageItMade() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Run Page Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "CRM with a log", Map.of("pageSize", 100), 1440);
        new RunFixtures(runs, tenant.id()).awaitNewestFinished(connection.id());

        Page page = browser.newPage();
        BrowserSession.signIn(
                page, "http://localhost:" + port, TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.navigate("http://localhost:" + port + "/connections/" + connection.id());
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Details of the run ")))
                .first()
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Run of CRM with a log")))
                .isVisible();
        assertThat(page.locator(".run-status")).hasText("Succeeded");
        Locator log = page.locator("vaadin-grid.run-log");
        assertThat(log).containsText("GET " + crm.apiUrl() + "/contacts?");
        assertThat(log).containsText("Page committed: 100 read, 100 written, 0 quarantined");
        BrowserSession.screenshot(page, "95-run-detail");
        BrowserSession.screenshotNarrow(page, "95-run-detail");

        Locator count = page.locator(".run-log-count");
        String all = count.textContent();
        page.getByLabel("Search the log").fill("page committed");
        // only the pages remain: three of 100 and the empty one that ends the read, from a log that held each request
        // too
        assertThat(count).hasText("4 lines.");
        org.assertj.core.api.Assertions.assertThat(all).isEqualTo("8 lines.");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← CRM with a log"))
                .click();
        assertThat(page.locator(".health-badge")).isVisible();
    }

    /**
     * An action a page offers that the hub refuses by the time it is pressed is answered by the one view error
     * handler: a page left open on a failed run whose connection has synced since, then Retry pressed.
     */
    @Test
    void aRefusedActionIsShownInItsOwnWordsAndChangesNothing() {
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Hooli");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), "Hooli contacts", Map.of(), 1440);
        var fixtures = new RunFixtures(runs, customer.id());
        fixtures.awaitNewestFinished(connection.id());
        saveKey(customer, connection, false);
        Run failed = fixtures.runNowAndWait(connection.id());
        org.assertj.core.api.Assertions.assertThat(failed.status()).isEqualTo(RunStatus.FAILED);

        Page page = browser.newPage();
        BrowserSession.signIn(
                page, "http://localhost:" + port, TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        page.navigate("http://localhost:" + port + "/runs/" + failed.id());
        assertThat(page.locator(".run-status")).hasText("Failed");
        // meanwhile the key is put back and the connection syncs: the failed run is history now
        saveKey(customer, connection, true);
        Run newer = fixtures.runNowAndWait(connection.id());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Retry this run"))
                .click();
        var alert = page.getByRole(AriaRole.ALERT);
        assertThat(alert).containsText("Not done");
        assertThat(alert).containsText("A newer run has ended since; look at that one.");
        BrowserSession.screenshot(page, "60-refused-retry");
        org.assertj.core.api.Assertions.assertThat(
                        fixtures.newest(connection.id()).id())
                .isEqualTo(newer.id());
    }

    private void saveKey(Tenant customer, Connection connection, boolean right) {
        Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        connection.id(),
                        connections.find(connection.id()).orElseThrow().version(),
                        ConnectionFixtures.sandboxDetails(
                                "Hooli contacts", crm.apiUrl(), right ? crm.apiKey() : "sbx_wrong_key_0000")));
    }
}
