package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.Connection;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxMailbox;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer admin sends notices to the team's inbox: adds the address on the Notices page (a wrong one and a closed
 * webhook URL are refused inline), sends a test, and when a connection fails, reads the alert in the inbox, with the
 * link back to the connection; the notice says where it went.
 */
class AlertsE2EIT extends BrowserJourney {

    @Autowired
    HealthService health;

    @Autowired
    SandboxMailbox mailbox;

    @Test
    void anAdminAddsTheTeamInboxAndReadsTheAlertThere() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Umbrella");
        String inbox = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, mailbox::address);
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Umbrella contacts", Map.of(), 1440);
        var fixtures = new RunFixtures(runs, tenant.id());
        fixtures.awaitNewestFinished(connection.id());

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/notices");
        assertThat(page.getByText("No channels yet: notices show on this page only."))
                .isVisible();
        Locator target = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Email address"));
        target.fill("the team");
        button(page, "Add channel").click();
        assertThat(page.locator(".channel-target-field [slot='error-message']"))
                .hasText("Enter one email address, such as ops@example.com.");

        // a webhook to the hub's own machine is refused, naming the rule
        choose(page, "Webhook");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Webhook URL"))
                .fill("http://127.0.0.1:9000/alerts");
        button(page, "Add channel").click();
        assertThat(page.locator(".channel-target-field [slot='error-message']")).containsText("rule:");

        choose(page, "Email");
        target.fill(inbox);
        button(page, "Add channel").click();
        assertThat(page.locator(".alert-channel .channel-target")).hasText(inbox);
        assertThat(page.locator(".channel-status")).hasText("Nothing sent yet");
        button(page, "Send a test to " + inbox).click();
        assertThat(page.getByText("Test sent to " + inbox)).isVisible();

        // the connection's key stops working: the team is told once, by email
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        connection.id(),
                        connections.find(connection.id()).orElseThrow().version(),
                        ConnectionFixtures.sandboxDetails("Umbrella contacts", crm.apiUrl(), "sbx_wrong_key_0000")));
        fixtures.runNowAndWait(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);
        // the test message, then the alert
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(90))
                .until(
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> mailbox.newest(10)),
                        mail -> mail.size() >= 2);

        page.navigate(baseUrl() + "/notices");
        assertThat(page.locator(".notice").first()).containsText("Umbrella contacts is Failing");
        assertThat(page.locator(".notice-delivery").first()).containsText("Email to " + inbox + ": sent ");
        page.reload();
        assertThat(page.locator(".channel-status")).containsText("Last sent");
        BrowserSession.screenshot(page, "98-alert-channels");
        BrowserSession.screenshotNarrow(page, "98-alert-channels");

        // the connection's last two weeks, drawn from the daily roll-up: one sync failed today
        page.navigate(baseUrl() + "/connections/" + connection.id());
        Locator charts = page.locator(".run-charts");
        assertThat(charts.locator(".run-charts-summary")).containsText("syncs succeeded in the last 14 days");
        assertThat(charts.locator("patchbay-chart canvas")).hasCount(2);
        assertThat(charts.locator("patchbay-chart").first())
                .hasAttribute("aria-label", java.util.regex.Pattern.compile("syncs succeeded"));
        charts.scrollIntoViewIfNeeded();
        page.waitForTimeout(300);
        charts.screenshot(new Locator.ScreenshotOptions()
                .setPath(java.nio.file.Path.of("target/screenshots/98-connection-charts.png")));
        page.setViewportSize(400, 860);
        page.waitForTimeout(400);
        charts.screenshot(new Locator.ScreenshotOptions()
                .setPath(java.nio.file.Path.of("target/screenshots/98-connection-charts-400.png")));
        page.setViewportSize(1440, 900);

        page.navigate(baseUrl() + "/sandbox-systems");
        Locator mail = page.locator(".mail").first();
        assertThat(mail).containsText("[Patchbay] Umbrella contacts is Failing");
        mail.locator("vaadin-details-summary").click();
        assertThat(mail.locator(".mail-text")).containsText("The API key was rejected.");
        assertThat(mail.locator(".mail-text")).containsText("/connections/" + connection.id());
        page.waitForTimeout(300);
        mail.scrollIntoViewIfNeeded();
        BrowserSession.screenshot(page, "98-sandbox-mailbox");
        BrowserSession.screenshotNarrow(page, "98-sandbox-mailbox");
    }

    /** Picks the kind of channel from the select, as a person does. */
    private static void choose(Page page, String kind) {
        page.locator(".add-channel vaadin-select").click();
        page.getByRole(
                        AriaRole.OPTION,
                        new Page.GetByRoleOptions().setName(kind).setExact(true))
                .click();
    }
}
