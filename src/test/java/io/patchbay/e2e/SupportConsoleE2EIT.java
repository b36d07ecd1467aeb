package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.observability.AlertChannels;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxMail;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Starting from the alert email Initech's admins got (and forwarded, with its reference), a support agent finds the
 * failing connection at the top of the console, opens it (entering its tenant, recorded in
 * its audit trail), reads the failed run and its fix, and, once the customer has fixed the key, retries the run and
 * sees the connection recover without reloading the page.
 */
class SupportConsoleE2EIT extends BrowserJourney {

    @Autowired
    HealthService health;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxMailbox mailbox;

    @Autowired
    AlertChannels alertChannels;

    /** The whole journey on a desktop browser, then again on a phone's width: every step is there at 400 px too. */
    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 400})
    void aSupportAgentGoesFromTheConsoleToTheFailedRunAndSeesTheConnectionRecoverAfterARetry(int width) {
        boolean phone = width < 600;
        // each width has its own customer, so the console's tenant filter finds exactly one
        String customerName = phone ? "Initrode" : "Initech";
        Tenant operations = tenants.createOperatorTenant("console-ops-" + System.nanoTime(), "Operations");
        String agent = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SUPPORT_AGENT);
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, customerName);
        Connection healthy = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), customerName + " archive", Map.of(), 1440);
        Connection broken = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), customerName + " contacts", Map.of(), 1440);
        var fixtures = new RunFixtures(runs, customer.id());
        fixtures.awaitNewestFinished(healthy.id());
        fixtures.awaitNewestFinished(broken.id());
        // Initech's admins get alerts by email
        String inbox = Actors.as(customer.id(), Role.CUSTOMER_ADMIN, mailbox::address);
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> alertChannels.addEmail(inbox));
        // someone at Initech pastes a wrong key (in a request of theirs, which names it): the next sync is refused
        String change = "req-" + Long.toHexString(System.nanoTime());
        org.slf4j.MDC.put(io.patchbay.base.Correlation.MDC_KEY, change);
        try {
            Actors.as(
                    customer.id(),
                    Role.CUSTOMER_ADMIN,
                    () -> connections.saveDetails(
                            broken.id(),
                            connections.find(broken.id()).orElseThrow().version(),
                            ConnectionFixtures.sandboxDetails(
                                    customerName + " contacts", crm.apiUrl(), "sbx_wrong_key_0000")));
        } finally {
            org.slf4j.MDC.remove(io.patchbay.base.Correlation.MDC_KEY);
        }
        String refused = fixtures.runNowAndWait(broken.id()).correlationId();
        HealthFixtures.awaitHealth(health, customer.id(), broken.id(), HealthStatus.FAILING);
        HealthFixtures.awaitHealth(health, customer.id(), healthy.id(), HealthStatus.CONNECTED);

        // the alert email Initech forwards to support: what failed, and the reference to quote
        SandboxMail alert = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(90))
                .until(
                        () -> Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> mailbox.newest(5)),
                        mails -> !mails.isEmpty())
                .get(0);
        org.assertj.core.api.Assertions.assertThat(alert.subject())
                .isEqualTo("[Patchbay] " + customerName + " contacts is Failing");
        var quoted =
                java.util.regex.Pattern.compile("Reference for support: (\\S+)").matcher(alert.text());
        org.assertj.core.api.Assertions.assertThat(quoted.find())
                .as(alert.text())
                .isTrue();
        String reference = quoted.group(1);
        org.assertj.core.api.Assertions.assertThat(reference).isEqualTo(refused);

        Page page = browser.newPage();
        page.setViewportSize(width, 860);
        BrowserSession.signIn(page, baseUrl(), agent, TenantFixtures.PASSWORD);
        button(page, "Open the support console").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support console")))
                .isVisible();
        choose(page, "Tenant", customerName);
        // worst first: the failing connection heads the list, with why
        Locator first = page.locator(".console-open").first();
        assertThat(first).hasText(customerName + " contacts");
        assertThat(page.locator(".health-row-reason").first())
                .hasText("The last sync failed: The API key was rejected.");
        assertThat(page.locator(".console-open").nth(1)).hasText(customerName + " archive");
        // failures by class over two weeks, for the tenant chosen: the refused sync
        Locator failures = page.locator(".failures-chart");
        assertThat(failures).containsText("1 run failed in the last 14 days: Authentication 1.");
        failures.scrollIntoViewIfNeeded();
        page.waitForTimeout(300);
        failures.screenshot(new Locator.ScreenshotOptions()
                .setPath(java.nio.file.Path.of(
                        "target/screenshots/96-console-failures" + (phone ? "-400" : "") + ".png")));
        page.locator("h1").scrollIntoViewIfNeeded();
        shot(page, "96-support-console", phone);

        choose(page, "Health", "Connected");
        assertThat(page.locator(".console-open").first()).hasText(customerName + " archive");
        choose(page, "Health", "Failing");
        assertThat(page.locator(".console-open").first()).hasText(customerName + " contacts");

        first.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(customerName + " contacts")))
                .isVisible();
        assertThat(page.locator(".health-badge")).hasText("Failing");
        assertThat(page.locator(".health-fix")).containsText("API key");
        assertThat(button(page, "Working in " + customerName)).isVisible();
        // support operates connections; it is never offered what it may not press
        assertThat(button(page, "Edit settings")).isHidden();
        assertThat(button(page, "Delete")).isHidden();
        org.assertj.core.api.Assertions.assertThat(Actors.as(
                        customer.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> audit.entriesFor("tenant", customer.id().toString(), 5)))
                .anySatisfy(entry -> {
                    org.assertj.core.api.Assertions.assertThat(entry.action()).isEqualTo("staff.entered");
                    org.assertj.core.api.Assertions.assertThat(entry.details())
                            .containsEntry("reason", "Support console: opened " + customerName + " contacts (Failing)");
                });

        // one timeline: the change someone made, then the run it broke and the health it caused
        Locator activity = page.locator(".activity-list");
        assertThat(activity.locator(".activity-title")
                        .filter(new Locator.FilterOptions().setHasText("changed the settings"))
                        .first())
                .isVisible();
        page.getByLabel("Search the activity").fill(refused);
        // (rows the grid no longer shows stay in the page, hidden)
        assertThat(activity.locator(".activity-title:visible"))
                .hasText(new String[] {"Connected → Failing", "Run now: failed"});
        shot(page, "96-support-activity", phone);
        // the id leads to everything it touched, whichever connection it was
        page.getByLabel("Find a correlation id").fill(reference);
        page.getByLabel("Find a correlation id").press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(refused)))
                .isVisible();
        Locator traced = page.locator(".trace-view .activity-title:visible");
        assertThat(traced).containsText(new String[] {"Connected → Failing", "Run now: failed"});
        assertThat(page.locator(".trace-view vaadin-grid")).containsText(customerName + " contacts");
        shot(page, "96-support-trace", phone);
        page.goBack();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(customerName + " contacts")))
                .isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open " + refused))
                .click();
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Run of " + customerName + " contacts")))
                .isVisible();
        assertThat(page.locator(".run-status")).hasText("Failed");
        assertThat(page.locator(".run-error")).containsText("Authentication: The API key was rejected.");
        assertThat(page.locator(".run-error")).containsText("Recommended fix:");
        // the request that was refused is in the run's log, beside the error
        assertThat(page.locator(".run-log")).containsText("401");
        // what was changed just before it, and everything that change's request did
        assertThat(page.locator(".changed-before")).containsText("test-customer_admin changed the settings");
        shot(page, "96-support-failed-run", phone);
        page.locator(".changed-before a").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(change)))
                .isVisible();
        assertThat(page.locator(".trace-view .activity-title:visible"))
                .hasText(new String[] {"test-customer_admin changed the settings"});
        assertThat(page.locator(".trace-view .activity-detail:visible")).containsText("apiKey");
        page.goBack();
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Run of " + customerName + " contacts")))
                .isVisible();

        // support tells the customer's admins what to do
        page.goBack();
        button(page, "Send the fix to the admins").click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("What they should do"))
                .hasValue(java.util.regex.Pattern.compile(
                        customerName + " contacts is Failing: .*API key.*", java.util.regex.Pattern.DOTALL));
        page.getByRole(AriaRole.DIALOG)
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Send").setExact(true))
                .click();
        assertThat(page.getByText("Sent: it shows on the admins' Notices page and goes to their alert channels."))
                .isVisible();
        page.goForward();
        assertThat(page.getByRole(
                        AriaRole.HEADING, new Page.GetByRoleOptions().setName("Run of " + customerName + " contacts")))
                .isVisible();

        // the customer puts the right key back; support retries the failed run
        Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        broken.id(),
                        connections.find(broken.id()).orElseThrow().version(),
                        ConnectionFixtures.sandboxDetails(customerName + " contacts", crm.apiUrl(), crm.apiKey())));
        button(page, "Retry this run").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(customerName + " contacts")))
                .isVisible();
        // no reload: the page is told when the retry ends and the health changes
        // a sync that succeeds after the fix clears the failure, and says so
        assertThat(page.locator(".health-badge"))
                .hasText("Connected", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(page.locator(".health-reason")).containsText("before it");
        assertThat(page.locator(".health-reason")).containsText("cleared");
        assertThat(page.locator(".run-trigger").first()).hasText("Retry");
        shot(page, "97-support-retried", phone);

        // the customer's admin was told: the connection turned Failing, and what support said to do
        Page admin = browser.newPage();
        admin.setViewportSize(width, 860);
        BrowserSession.signIn(admin, baseUrl(), TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        admin.locator(".notices-banner").click();
        Locator fromSupport = admin.locator(".notice").filter(new Locator.FilterOptions().setHasText("From support"));
        assertThat(fromSupport).containsText("What to do:");
        // and that it is connected again
        assertThat(admin.locator(".notice").first()).containsText(customerName + " contacts is connected again");
        assertThat(admin.locator(".notice h3")
                        .filter(new Locator.FilterOptions().setHasText(customerName + " contacts is Failing")))
                .isVisible();
        shot(admin, "99-admin-notices", phone);
    }

    /** At a phone's width the screenshot is named {@code name-400}, beside the desktop one. */
    private static void shot(Page page, String name, boolean phone) {
        BrowserSession.screenshot(page, phone ? name + "-400" : name);
    }

    /** Types into a combo box and picks the option from its list, as a person does. */
    private static void choose(Page page, String label, String option) {
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName(label))
                .fill(option);
        page.getByRole(
                        AriaRole.OPTION,
                        new Page.GetByRoleOptions().setName(option).setExact(true))
                .click();
    }
}
