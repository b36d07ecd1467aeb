package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.Connection;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A new customer admin's first integration, in a real browser, from an empty hub to synced contacts. */
class HubJourneyE2EIT extends BrowserJourney {

    private static final LocatorAssertions.IsVisibleOptions SYNC_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(90_000);

    @Autowired
    io.patchbay.sandbox.SandboxBilling billing;

    @Autowired
    org.jooq.DSLContext db;

    @Autowired
    SandboxCalendar calendar;

    @Test
    void newAdminSetsUpTestsActivatesPausesAndResumesTheirFirstIntegration() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Initech");
        // the key of Initech's own sandbox account, as its Sandbox systems page shows it
        String apiKey = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey);
        Page page = browser.newPage();
        page.navigate(baseUrl() + "/login");
        assertThat(page.getByText("Demo logins")).isVisible();
        BrowserSession.screenshot(page, "01-login");
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);

        assertThat(page.getByText("No integrations yet")).isVisible();
        BrowserSession.screenshot(page, "02-empty-hub");
        button(page, "Add integration").first().click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sandbox CRM: contacts")))
                .isVisible();
        BrowserSession.screenshot(page, "03-template-gallery");
        button(page, "Use template Sandbox CRM: contacts").click();

        // details: the demo prefills the sandbox URL and key; every field validates inline
        Locator name = BrowserSession.textbox(page, "Connection name");
        assertThat(name).hasValue("Sandbox CRM: contacts");
        assertThat(BrowserSession.textbox(page, "API URL")).hasValue(crm.apiUrl());
        name.fill("");
        BrowserSession.textbox(page, "API URL").fill("not a url");
        BrowserSession.textbox(page, "API key").focus();
        assertThat(page.getByText("Give the connection a name of 3 to 80 characters")
                        .first())
                .isVisible();
        assertThat(page.getByText("Enter the API URL including its version").first())
                .isVisible();
        BrowserSession.screenshot(page, "04-inline-validation");
        name.fill("Initech CRM");
        BrowserSession.textbox(page, "API URL").fill(crm.apiUrl());

        BrowserSession.textbox(page, "API key").fill("sbx_this_is_not_the_key");
        button(page, "Test connection").click();
        assertThat(page.getByText("The API key was rejected.")).isVisible();
        assertThat(page.getByText("How to fix it:")).isVisible();
        BrowserSession.screenshot(page, "05-test-connection-wrong-key");

        BrowserSession.textbox(page, "API key").fill(apiKey);
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox CRM:")).isVisible();
        BrowserSession.screenshot(page, "06-test-connection-ok");
        button(page, "Next: field mapping").click();
        assertThat(page.getByText("first_name")).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.content())
                .as("the stored key is not sent back")
                .doesNotContain(apiKey);
        BrowserSession.screenshot(page, "07-field-mapping");

        // a half-done setup waits as a draft
        page.navigate(baseUrl() + "/");
        assertThat(page.getByText("Setups in progress")).isVisible();
        BrowserSession.screenshot(page, "08-hub-with-draft");
        button(page, "Continue setup").click();
        assertThat(page.getByText("first_name")).isVisible();
        button(page, "Next: validate").click();
        assertThat(page.getByText("sample records are valid.")).isVisible();
        BrowserSession.screenshot(page, "08b-validation-report");
        button(page, "Next: schedule").click();

        Locator every = page.getByLabel("Sync every (minutes)");
        every.fill("2");
        every.blur();
        assertThat(page.getByText("Choose between 5 and 1440 minutes")).isVisible();
        every.fill("10");
        BrowserSession.screenshot(page, "09-schedule");
        button(page, "Activate").click();

        // the connection page: the first sync lands on its own
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Initech CRM")))
                .isVisible();
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.locator(".health-badge")).hasText("Connected");
        assertThat(page.getByText("every 10 min")).isVisible();
        BrowserSession.screenshot(page, "10-connection-synced");

        button(page, "Pause").click();
        assertThat(page.locator(".health-badge")).hasText("Paused");
        assertThat(button(page, "Run now")).isDisabled();
        BrowserSession.screenshot(page, "11-connection-paused");
        button(page, "Resume").click();
        assertThat(page.locator(".health-badge")).hasText("Connected");

        // change data at the source, then Run now reads just the change
        page.navigate(baseUrl() + "/sandbox-systems");
        assertThat(page.getByText(apiKey)).isVisible();
        button(page, "Change 5 contacts").click();
        BrowserSession.screenshot(page, "12-sandbox-systems");
        page.goBack();
        assertThat(page.locator(".health-badge")).hasText("Connected");
        button(page, "Run now").click();
        assertThat(page.getByText("Run now", new Page.GetByTextOptions().setExact(true))
                        .locator("xpath=ancestor::vaadin-grid-cell-content")
                        .first()
                        .or(page.locator("vaadin-grid-cell-content")
                                .filter(new Locator.FilterOptions().setHasText("Run now")))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        Connection connection = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.list())
                .get(0);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> newest(tenant, connection).trigger() == RunTrigger.MANUAL
                        && newest(tenant, connection).status().finished());
        Run manual = newest(tenant, connection);
        assertThat(manual.recordsRead()).isEqualTo(5);
        page.reload();
        assertThat(page.locator("vaadin-grid-cell-content")
                        .filter(new Locator.FilterOptions().setHasText("Run now"))
                        .first())
                .isVisible();
        BrowserSession.screenshot(page, "13-connection-incremental-run");

        page.navigate(baseUrl() + "/");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Initech CRM")))
                .isVisible();
        assertThat(page.locator(".health-badge")).hasText("Connected");
        BrowserSession.screenshot(page, "14-hub");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connectors"))
                .click();
        assertThat(page.getByText("sandbox-crm@1")).isVisible();
        assertThat(page.getByText("api key").first()).isVisible();
        // each connector's certification as the build proved it, and in a row's details the pace it keeps
        assertThat(page.getByText("Certification", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(page.getByText("Certified", new Page.GetByTextOptions().setExact(true)))
                .hasCount(8);
        assertThat(page.getByText("10/10 checks")).hasCount(3);
        assertThat(page.getByText("11/11 checks")).hasCount(1);
        assertThat(page.getByText("superseded by sandbox-crm@2")).isVisible();
        assertThat(page.getByText("8/8 checks")).hasCount(2);
        assertThat(page.getByText("9/9 checks")).hasCount(1);
        assertThat(page.getByText("7/7 checks")).hasCount(1);
        page.getByText("Sandbox CRM", new Page.GetByTextOptions().setExact(true))
                .first()
                .click();
        assertThat(page.getByText("Paces itself to 30 requests per 10 s")).isVisible();
        BrowserSession.screenshot(page, "17-connector-catalog");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Network exceptions"))
                .click();
        BrowserSession.textbox(page, "Host").fill("https://10.0.4.17");
        BrowserSession.textbox(page, "Reason").fill("Our staging CRM lives on the office network");
        button(page, "Request exception").click();
        assertThat(page.getByText("Enter a host name or IP address only")).isVisible();
        BrowserSession.textbox(page, "Host").fill("169.254.169.254");
        button(page, "Request exception").click();
        assertThat(page.getByText("a link-local address (cloud metadata lives there)", new Page.GetByTextOptions())
                        .first())
                .isVisible();
        BrowserSession.textbox(page, "Host").fill("10.0.4.17");
        button(page, "Request exception").click();
        assertThat(page.getByText("Our staging CRM lives on the office network"))
                .isVisible();
        assertThat(page.locator(".exception-status")).hasText("Waiting for approval");
        BrowserSession.screenshot(page, "20-network-exceptions");
        page.setViewportSize(400, 860);
        BrowserSession.screenshot(page, "20a-network-exceptions-narrow");
        page.setViewportSize(1280, 860);
    }

    @Test
    void whenTwoAdminsSetUpOneConnectionTheSecondIsToldToReloadInsteadOfOverwriting() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Two Desks");
        Page page = setUpFromTemplate(tenant, "Sandbox CRM: contacts");
        BrowserSession.textbox(page, "Connection name").fill("Mine");
        Connection draft = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.list())
                .get(0);
        // a colleague saves the same draft first
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        draft.id(),
                        draft.version(),
                        ConnectionFixtures.sandboxDetails("Theirs", crm.apiUrl(), crm.apiKey())));

        button(page, "Next: field mapping").click();
        assertThat(page.getByText("Someone else changed this connection since you opened it"))
                .isVisible();
        BrowserSession.screenshot(page, "09b-setup-changed-meanwhile");
        button(page, "Reload").click();
        // the setup as the colleague left it: on to the mapping, with their details
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("1. Connection details"))
                .click();
        assertThat(BrowserSession.textbox(page, "Connection name")).hasValue("Theirs");
    }

    @Test
    void billingSetupSignsInWithOAuth2ClientCredentials() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Hooli");
        String clientId = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, billing::clientId);
        Page page = setUpFromTemplate(tenant, "Sandbox Billing: invoices");
        // Hooli's own OAuth2 client at the sandbox billing system, not the demo tenant's
        assertThat(BrowserSession.textbox(page, "Client ID")).hasValue(clientId);
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox Billing as client " + clientId + "."))
                .isVisible();
        BrowserSession.screenshot(page, "18-billing-setup-oauth2");
        button(page, "Next: field mapping").click();
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        BrowserSession.screenshot(page, "19-billing-connection");
    }

    @Test
    void calendarSetupSendsTheAdminToConsentAndTheConnectionReconnectsAfterARevoke() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Pied Piper");
        Page page = browser.newPage();
        List<String> callbacks = new ArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/consent/callback")) {
                callbacks.add(request.url());
            }
        });
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template Sandbox Calendar: events").click();
        assertThat(BrowserSession.textbox(page, "Client ID"))
                .hasValue(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, calendar::clientId));
        assertThat(page.getByText("Not connected to Sandbox Calendar yet")).isVisible();
        button(page, "Test connection").click();
        assertThat(page.getByText("Patchbay is not connected to Sandbox Calendar yet."))
                .isVisible();

        // the provider's sign-in page; a person who denies comes back to an error that says what to do
        button(page, "Connect to Sandbox Calendar").click();
        assertThat(page.getByText("Patchbay wants to access your Sandbox Calendar"))
                .isVisible();
        assertThat(page.getByText("See the events in your calendar")).isVisible();
        BrowserSession.screenshot(page, "29-oauth-consent");
        button(page, "Deny").click();
        assertThat(page.getByText("Access to Sandbox Calendar was not allowed (access_denied)"))
                .isVisible();
        assertThat(page.getByText("How to fix it: Reconnect to Sandbox Calendar and press Allow."))
                .isVisible();

        button(page, "Connect to Sandbox Calendar").click();
        button(page, "Allow").click();
        assertThat(page.getByText("Sandbox Calendar allowed Patchbay in.")).isVisible();
        assertThat(page.getByText("Connected as " + SandboxCalendar.USER_NAME)).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.url()).endsWith("/setup");
        button(page, "Test connection").click();
        Locator tested = page.getByText("Connected to Sandbox Calendar: "
                + Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, calendar::eventCount) + " events visible.");
        assertThat(tested).isVisible();
        page.setViewportSize(1280, 960); // the whole details step, down to the test result
        BrowserSession.screenshot(page, "30-oauth-connected");
        page.setViewportSize(1280, 860);
        org.assertj.core.api.Assertions.assertThat(page.content())
                .as("no token reaches the browser")
                .doesNotContain("sca_")
                .doesNotContain("scr_");

        // the same answer again matches no sign-in this browser started
        String setup = page.url();
        page.navigate(callbacks.get(callbacks.size() - 1));
        assertThat(page.getByText("Could not connect")).isVisible();
        assertThat(page.getByText("Patchbay could not match the answer from the system you signed in to"))
                .isVisible();

        // the setup goes on where it was left: the details were saved before leaving for the calendar
        page.navigate(setup);
        assertThat(page.getByText("starts_at")).isVisible();
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.getByText("Connected as " + SandboxCalendar.USER_NAME)).isVisible();

        // the person revokes the access at the calendar: the next sync fails and says to reconnect
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, calendar::revokeConsents);
        button(page, "Run now").click();
        assertThat(page.locator(".health-badge"))
                .hasText("Failing", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(page.locator(".health-fix")).containsText("Reconnect to Sandbox Calendar");
        // the access the calendar refused is not shown as working
        assertThat(page.locator(".consent-status")).containsText("Sandbox Calendar refused the access granted by");
        assertThat(page.getByText("Connected as " + SandboxCalendar.USER_NAME)).isHidden();
        BrowserSession.screenshot(page, "31-oauth-revoked");
        button(page, "Reconnect").click();
        button(page, "Allow").click();
        assertThat(page.getByText("A sync checks the new access now.")).isVisible();
        // nobody presses Run now: the reconnect queued the sync that checks it, and the page shows it when it ends
        assertThat(page.locator(".health-reason"))
                .containsText(
                        "The failed sync before it is cleared.",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
        assertThat(page.locator(".health-badge")).hasText("Connected");
        assertThat(page.getByText("Connected as " + SandboxCalendar.USER_NAME)).isVisible();
        assertThat(page.locator(".run-trigger").first()).hasText("Reconnected");
        assertThat(page.locator(".activity-title")
                        .filter(new Locator.FilterOptions().setHasText("reconnected the connection"))
                        .first())
                .isAttached();
        page.getByText("Sync timeline").scrollIntoViewIfNeeded();
        BrowserSession.screenshot(page, "32-oauth-reconnected");
    }

    @Test
    void aDatabaseTableIsSetUpTestedChosenAndSynced() throws Exception {
        try (var admin = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var sql = admin.createStatement()) {
            sql.execute("drop database if exists patchbay_browser with (force)");
            sql.execute("create database patchbay_browser");
        }
        try (var db = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/patchbay_browser", "postgres", "");
                var sql = db.createStatement()) {
            sql.execute(
                    "create table customers (id bigint primary key, name text not null, updated_at timestamptz not null)");
            sql.execute(
                    "insert into customers select n, 'Customer ' || n, now() - n * interval '1 minute' from generate_series(1, 25) n");
        }
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Soylent");
        String engineer = TenantFixtures.userWithRole(tenants, encoder, tenant, Role.SOLUTIONS_ENGINEER);
        // the database lives on the customer's own network: a private address that only an approved exception opens
        PrivateNetwork.expose(5432);

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/network-exceptions");
        BrowserSession.textbox(page, "Host").fill(PrivateNetwork.HOST);
        BrowserSession.textbox(page, "Reason").fill("Our warehouse database lives on the office network");
        button(page, "Request exception").click();
        assertThat(page.locator(".exception-status")).hasText("Waiting for approval");

        // a solutions engineer approves it, until a date
        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/network-exceptions");
        button(page, "Approve…").click();
        assertThat(page.getByLabel("Open until")).isVisible();
        assertThat(page.locator("vaadin-dialog-overlay[opening]")).hasCount(0);
        BrowserSession.screenshot(page, "20b-network-exception-approval");
        page.getByRole(AriaRole.DIALOG)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve"))
                .click();
        assertThat(page.locator(".exception-status")).containsText("Open until");
        assertThat(page.locator("vaadin-dialog-overlay")).hasCount(0);
        BrowserSession.screenshot(page, "20c-network-exception-open");
        // the Exceptions page lists every exception of every kind, this one with its status and expiry
        page.navigate(baseUrl() + "/exceptions");
        Locator listed = page.locator("vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText("Our warehouse database lives on the office network"));
        assertThat(listed).isVisible();
        assertThat(page.getByText("Network", new Page.GetByTextOptions().setExact(true))
                        .first())
                .isVisible();
        assertThat(page.locator("vaadin-grid-cell-content")
                        .filter(new Locator.FilterOptions().setHasText(PrivateNetwork.HOST))
                        .first())
                .isVisible();

        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template PostgreSQL: a table").click();
        BrowserSession.textbox(page, "Host").fill(PrivateNetwork.HOST);
        // a database name that reads as driver options in a URL is refused, naming the field
        BrowserSession.textbox(page, "Database").fill("postgres?PGHOST=127.0.0.1&PGPORT=5432&x=");
        BrowserSession.textbox(page, "User name").fill("postgres");
        BrowserSession.textbox(page, "Password").fill("not-needed-with-trust");
        button(page, "Test connection").click();
        assertThat(page.getByText("Enter the database name as the server knows it, without ? & / ; = # %")
                        .first())
                .isVisible();
        BrowserSession.screenshot(page, "21-database-name-refused");
        BrowserSession.screenshotNarrow(page, "21-database-name-refused");
        BrowserSession.textbox(page, "Database").fill("patchbay_browser");
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to PostgreSQL")).isVisible();
        BrowserSession.screenshot(page, "21-database-setup");
        button(page, "Next: field mapping").click();
        page.getByLabel("Table").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("customers"))
                .click();
        BrowserSession.screenshot(page, "22-database-table-choice");
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.getByText("customers", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        Connection connection = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.list())
                .get(0);
        org.assertj.core.api.Assertions.assertThat(newest(tenant, connection).recordsRead())
                .isEqualTo(25);
        BrowserSession.screenshot(page, "23-database-connection");
    }

    @Test
    void aCsvFileIsUploadedReadLineByLineAndSynced() {
        Page page = setUpFromTemplate("Files Inc", "CSV file upload");
        assertThat(BrowserSession.textbox(page, "Key column")).hasValue("id");
        button(page, "Test connection").click();
        assertThat(page.getByText("Ready for files")).isVisible();
        button(page, "Next: field mapping").click();

        byte[] file = "id;name;city\n1;Zoë Müller;Köln\n2;André;Genève\n3;Bob\n4;Cid;Paris\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        page.locator("vaadin-upload input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload("people.csv", "text/csv", file));
        assertThat(page.getByText("Line 4: 2 values, but there are 3 columns.")).isVisible();
        assertThat(page.locator(".upload-outcome"))
                .containsText("windows-1252 (detected), semicolon-separated (detected)");
        assertThat(page.locator(".upload-outcome")).containsText("3 rows keyed by 'id'");
        BrowserSession.screenshot(page, "24-csv-upload");

        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        assertThat(page.getByText("No schedule: this connection syncs when data arrives."))
                .isVisible();
        button(page, "Activate").click();
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.locator("vaadin-grid.received-messages")).containsText("people.csv");
        BrowserSession.screenshot(page, "25-csv-connection");
    }

    @Test
    void aFileOfSeveralMegabytesIsTakenWithVisibleProgress() {
        Page page = setUpFromTemplate("Big Files Inc", "CSV file upload");
        button(page, "Next: field mapping").click();
        var csv = new StringBuilder("id,name,city,notes\n");
        int rows = 0;
        while (csv.length() < 3 * 1024 * 1024) {
            rows++;
            csv.append(rows)
                    .append(",Customer ")
                    .append(rows)
                    .append(",Springfield,")
                    .append("a note long enough to make the file weigh what real exports weigh\n");
        }
        page.locator("vaadin-upload input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "customers.csv", "text/csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(page.locator(".upload-progress"))
                .containsText("customers.csv", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        BrowserSession.screenshot(page, "24b-csv-large-upload-progress");
        assertThat(page.locator(".upload-outcome"))
                .containsText(
                        io.patchbay.base.Plurals.count(rows, "row", "rows") + " keyed by 'id'",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        BrowserSession.screenshot(page, "24c-csv-large-upload-done");
    }

    @Test
    void invoiceWebhooksFromTheBillingSandboxAreVerifiedAndApplied() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Webhook Works");
        Page page = setUpFromTemplate(tenant, "Sandbox Billing: invoice webhooks");
        String url = BrowserSession.textbox(page, "Webhook URL").inputValue();
        assertThat(url).startsWith(baseUrl() + "/hooks/");
        button(page, "Test connection").click();
        assertThat(page.getByText("Enter the whole signing secret").first()).isVisible();
        button(page, "Register this URL with Sandbox Billing").click();
        button(page, "Test connection").click();
        // registering, then testing: two round trips, taken in order, which a loaded machine may take seconds for
        assertThat(page.getByText("Ready to receive webhooks signed with Standard Webhooks signatures"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        BrowserSession.screenshot(page, "26-webhook-setup");
        button(page, "Next: field mapping").click();
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Webhooks")))
                .isVisible();
        String connectionPage = baseUrl() + "/connections/" + url.substring(url.lastIndexOf('/') + 1);

        page.navigate(baseUrl() + "/sandbox-systems");
        button(page, "Issue 3 invoices").click();
        // the sandbox sends them on threads of its own, retrying as a provider does: wait until it says they arrived
        await().atMost(Duration.ofMinutes(2))
                .until(() -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> billing.webhookEndpoint(url))
                        .map(endpoint -> endpoint.delivered() >= 3)
                        .orElse(false));
        page.reload();
        assertThat(page.locator("vaadin-grid.webhook-endpoints")).containsText(url);
        BrowserSession.screenshot(page, "27-sandbox-webhook-endpoints");

        page.navigate(connectionPage);
        Locator deliveries = page.locator("vaadin-grid.received-messages");
        assertThat(deliveries).containsText("invoice.created");
        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        BrowserSession.screenshot(page, "28-webhook-connection");
    }

    @Test
    void aConnectionOnAnOlderConnectorVersionIsUpgradedFromItsPage() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Legacy Ltd");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Legacy CRM");
        // as version 1 of the CRM connector left it: a base URL without /v1
        db.update(io.patchbay.db.Tables.CONNECTION)
                .set(io.patchbay.db.Tables.CONNECTION.CONNECTOR, "sandbox-crm@1")
                .set(
                        io.patchbay.db.Tables.CONNECTION.CONFIG,
                        org.jooq.JSONB.valueOf("{\"baseUrl\": \"" + crm.baseUrl() + "\"}"))
                .where(io.patchbay.db.Tables.CONNECTION.ID.eq(connection.id().value()))
                .execute();
        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/connections/" + connection.id());
        assertThat(page.getByText("A newer version of this connector is available: sandbox-crm@2."))
                .isVisible();
        BrowserSession.screenshot(page, "32-connector-upgrade");

        button(page, "Upgrade to sandbox-crm@2").click();

        assertThat(page.getByText("Upgraded to sandbox-crm@2.")).isVisible();
        assertThat(page.locator(".facts")).containsText(crm.apiUrl());
        // Flow hides the box and leaves its old content in the page until it shows again
        assertThat(page.locator(".upgrade-box")).isHidden();
    }

    @Test
    void anotherTenantsConnectionIsNotFound() {
        Tenant owner = TenantFixtures.tenantWithAdmin(tenants, encoder, "Umbrella");
        Tenant stranger = TenantFixtures.tenantWithAdmin(tenants, encoder, "Globex");
        Connection theirs =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, owner.id(), "Umbrella CRM");

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(stranger), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/connections/" + theirs.id());
        assertThat(page.getByText("Not found", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        assertThat(page.getByText("Umbrella CRM")).hasCount(0);
        BrowserSession.screenshot(page, "15-other-tenant-not-found");
        page.navigate(baseUrl() + "/connections/" + theirs.id() + "/setup");
        assertThat(page.getByText("Not found", new Page.GetByTextOptions().setExact(true)))
                .isVisible();
    }

    private Run newest(Tenant tenant, Connection connection) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection.id(), 1))
                .get(0);
    }

    /** A new tenant's admin, signed in, at the first step of a setup from the template of that name. */
    private Page setUpFromTemplate(String tenantName, String template) {
        return setUpFromTemplate(TenantFixtures.tenantWithAdmin(tenants, encoder, tenantName), template);
    }

    private Page setUpFromTemplate(Tenant tenant, String template) {
        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template " + template).click();
        return page;
    }
}
