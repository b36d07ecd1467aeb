package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.QuarantinedRecord;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Canary values (an email address, one mistyped so that its record waits in quarantine) are planted at the source
 * and synced. A solutions engineer tries the mapping on them; the tenant's admin sees them masked too, until asking to
 * see them (recorded), and fixes the mistyped one; then a support agent working in the tenant opens every page that
 * shows the connection, its activity, runs, quarantine, records and notices: no canary appears in any page's HTML.
 */
class PersonalDataCanaryE2EIT extends BrowserJourney {

    private static final String CANARY = "canary7f3e";
    private static final String GOOD = "ada." + CANARY + "@canary-mail.com";
    private static final String MISTYPED = "grace." + CANARY + "(at)canary-mail.example";
    private static final String MISTYPED_TOO = "hedy." + CANARY + "(at)canary-mail.example";

    @Autowired
    AuditService audit;

    @Autowired
    Quarantine quarantine;

    @Test
    void plantedPersonalDataReachesNoPageOfSupportAndAnAdminSeesItOnlyOnAskingRecorded() {
        Tenant operations = tenants.createOperatorTenant("canary-ops-" + System.nanoTime(), "Operations");
        String agent = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SUPPORT_AGENT);
        String engineer = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SOLUTIONS_ENGINEER);
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Canary Wharf Ltd");
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> {
            crm.addContact("Ada", "Canary", GOOD, "Canary Corp");
            crm.addContact("Grace", "Canary", MISTYPED, "Canary Corp");
            crm.addContact("Hedy", "Canary", MISTYPED_TOO, "Canary Corp");
        });
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), "Canary CRM", Map.of(), 1440);
        var finished = new RunFixtures(runs, customer.id()).awaitNewestFinished(connection.id());
        String run = finished.id().toString();

        List<String> leaks = new ArrayList<>();

        // a solutions engineer tries the mapping on the quarantined records: masked, and no way to see them
        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        openFromTheConsole(page);
        openTheMappingEditorOnTheQuarantine(page, connection);
        assertThat(button(page, "Show personal data")).isHidden();
        look(page, "the mapping editor's samples (engineer)", leaks);

        // the tenant's admin: masked too, shown on asking, and the asking is recorded
        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/connections/" + connection.id() + "/quarantine");
        openACanaryRecord(page);
        look(page, "the admin's quarantined record before asking", leaks);
        assertThat(leaks).isEmpty();
        page.waitForTimeout(500); // the dialog's opening animation
        BrowserSession.screenshot(page, "98-personal-data-masked");
        button(page, "Show personal data").click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("Source record"))
                .hasValue(Pattern.compile(".*" + CANARY + ".*", Pattern.DOTALL));
        List<QuarantinedRecord> held = Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> quarantine.records(QuarantineFilter.of(connection.id()), null, 50));
        List<io.patchbay.audit.AuditEntry> recorded = Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> held.stream()
                        .flatMap(r -> audit.entriesFor("quarantined_record", r.id().toString(), 5).stream())
                        .toList());
        assertThat(recorded).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("personal_data.revealed");
            assertThat(entry.actor()).isEqualTo(TenantFixtures.adminOf(customer));
            assertThat(entry.details()).containsEntry("what", "a quarantined record");
        });

        page.navigate(baseUrl() + "/connections/" + connection.id() + "/mapping?samples=quarantined");
        assertThat(sourceSample(page)).containsText("email");
        look(page, "the admin's mapping editor before asking", leaks);
        assertThat(leaks).isEmpty();
        button(page, "Show personal data").click();
        assertThat(sourceSample(page)).containsText(CANARY);
        assertThat(Actors.as(
                        customer.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> audit.entriesFor("connection", connection.id().toString(), 50)))
                .anySatisfy(entry -> {
                    assertThat(entry.action()).isEqualTo("personal_data.revealed");
                    assertThat(entry.details()).containsEntry("what", "the mapping editor's sample records");
                });

        // the admin fixes the mistyped address: what it was and what it became are the Activity's "before" and "after"
        QuarantinedRecord mistyped = held.stream()
                .filter(r -> r.raw().toString().contains(MISTYPED))
                .findFirst()
                .orElseThrow();
        String fixed = mistyped.raw().toString().replace(MISTYPED, "grace.fixed." + CANARY + "@canary-mail.com");
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> quarantine.saveAndReprocess(mistyped.id(), fixed));

        // a support agent opens every page that shows the connection, its runs, its quarantine and its records
        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), agent, TenantFixtures.PASSWORD);
        openFromTheConsole(page);
        page.getByLabel("Search the activity").fill("quarantined");
        assertThat(page.locator(
                        ".activity-title:visible", new Page.LocatorOptions().setHasText("fixed a quarantined record")))
                .isVisible();
        look(page, "the connection's page and its activity", leaks);
        if (button(page, "Validation report").isVisible()) {
            button(page, "Validation report").click();
            assertThat(page.getByRole(AriaRole.DIALOG).getByText("nothing was written"))
                    .isVisible();
            look(page, "the validation report", leaks);
        }
        page.navigate(baseUrl() + "/runs/" + run);
        assertThat(page.locator(".run-log-count")).isVisible();
        look(page, "the run's page", leaks);
        page.navigate(baseUrl() + "/connections/" + connection.id() + "/quarantine");
        openACanaryRecord(page);
        assertThat(button(page, "Show personal data")).isHidden();
        look(page, "the quarantined record", leaks);
        page.navigate(baseUrl() + "/quarantine");
        look(page, "the tenant's quarantine", leaks);
        page.navigate(baseUrl() + "/trace/" + finished.correlationId());
        assertThat(page.locator(".trace-summary")).isVisible();
        look(page, "everything the run touched", leaks);
        page.navigate(baseUrl() + "/identities");
        look(page, "identities", leaks);
        page.navigate(baseUrl() + "/notices");
        look(page, "notices", leaks);
        page.navigate(baseUrl() + "/");
        look(page, "the hub", leaks);
        assertThat(leaks).as("pages that hold a canary").isEmpty();
    }

    private void openFromTheConsole(Page page) {
        page.navigate(baseUrl() + "/console");
        // the whole suite's connections are there too, worst first: found by name, as support finds one
        page.getByLabel("Name").fill("Canary CRM");
        // the grid reuses its cells: clicked once it shows only the one found, not a row that is about to change
        assertThat(page.locator(".console-open:visible")).hasText(new String[] {"Canary CRM"});
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open Canary CRM"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Canary CRM")))
                .isVisible();
    }

    private void openTheMappingEditorOnTheQuarantine(Page page, Connection connection) {
        page.navigate(baseUrl() + "/connections/" + connection.id() + "/mapping?samples=quarantined");
        assertThat(sourceSample(page)).containsText("email");
    }

    private static Locator sourceSample(Page page) {
        return page.locator("pre[aria-label='Source record']");
    }

    /** Opens a record of the connection's quarantine that holds a canary. */
    private static void openACanaryRecord(Page page) {
        page.getByText("/email: is not a valid email address").first().click();
        Locator records = page.locator("vaadin-grid.quarantine-records");
        records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open"))
                .first()
                .click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByLabel("Source record")).isVisible();
    }

    /** Notes {@code where} if the page's HTML holds a canary in any form. */
    private static void look(Page page, String where, List<String> leaks) {
        String html = page.content();
        if (html.contains(CANARY) || html.contains("canary-mail")) {
            leaks.add(where);
        }
    }
}
