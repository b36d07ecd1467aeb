package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Canary values (an email address, one mistyped so that its record waits in quarantine) are planted at the source
 * and synced. A support agent working in the tenant opens every page that shows the connection, its runs, its
 * quarantine and its records: no canary appears in any page's HTML. The tenant's admin sees them masked too, until
 * asking to see them, which the audit trail records.
 */
@IntegrationTest
class PersonalDataCanaryE2EIT {

    private static final String CANARY = "canary7f3e";
    private static final String GOOD = "ada." + CANARY + "@canary-mail.example";
    private static final String MISTYPED = "grace." + CANARY + "(at)canary-mail.example";

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    SandboxCrm crm;

    @Autowired
    AuditService audit;

    @Autowired
    Quarantine quarantine;

    @Value("${server.port}")
    int port;

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void plantedPersonalDataReachesNoPageOfSupportAndAnAdminSeesItOnlyOnAskingRecorded() {
        Tenant operations = tenants.createOperatorTenant("canary-ops-" + System.nanoTime(), "Operations");
        String agent = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SUPPORT_AGENT);
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Canary Wharf Ltd");
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> {
            crm.addContact("Ada", "Canary", GOOD, "Canary Corp");
            crm.addContact("Grace", "Canary", MISTYPED, "Canary Corp");
        });
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), "Canary CRM", Map.of(), 1440);
        var finished = new RunFixtures(runs, customer.id()).awaitNewestFinished(connection.id());
        String run = finished.id().toString();

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), agent, TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/console");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open Canary CRM"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Canary CRM")))
                .isVisible();
        List<String> leaks = new ArrayList<>();
        look(page, "the connection's page", leaks);
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
        page.navigate(baseUrl() + "/");
        look(page, "the hub", leaks);
        assertThat(leaks).as("pages a support agent opened that hold a canary").isEmpty();

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
                .hasValue(java.util.regex.Pattern.compile(".*" + CANARY + ".*", java.util.regex.Pattern.DOTALL));
        List<io.patchbay.audit.AuditEntry> recorded = Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> quarantine.records(QuarantineFilter.of(connection.id()), null, 50).stream()
                        .flatMap(r -> audit.entriesFor("quarantined_record", r.id().toString(), 5).stream())
                        .toList());
        assertThat(recorded).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("personal_data.revealed");
            assertThat(entry.actor()).isEqualTo(TenantFixtures.adminOf(customer));
            assertThat(entry.details()).containsEntry("what", "a quarantined record");
        });
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

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }
}
