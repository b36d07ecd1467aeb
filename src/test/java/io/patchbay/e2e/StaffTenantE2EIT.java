package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A support agent, staff of the operator, chooses the customer tenant they work in and leaves it again. */
@IntegrationTest
class StaffTenantE2EIT {

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
    SandboxCrm crm;

    @Value("${server.port}")
    int port;

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void aSupportAgentChoosesACustomersTenantSaysWhyAndSeesItsIntegrationsOnly() {
        Tenant operations = tenants.createOperatorTenant("staff-" + System.nanoTime(), "Operations");
        String agent = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SUPPORT_AGENT);
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Kramerica Industries");
        ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, customer.id(), "Kramerica CRM");

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), agent, TenantFixtures.PASSWORD);
        assertThat(page.getByText("Choose the tenant you work in")).isVisible();
        assertThat(button(page, "Add integration")).isHidden();
        BrowserSession.screenshot(page, "50-staff-home");

        button(page, "Choose a tenant").first().click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Tenant"))
                .fill("Kramerica");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Kramerica Industries"))
                .click();
        button(page, "Work in this tenant").click();
        assertThat(dialog.getByText("Say why")).isVisible();
        dialog.getByLabel("Why").fill("Ticket 4521: contacts stopped syncing");
        BrowserSession.screenshot(page, "51-staff-choose-tenant");
        button(page, "Work in this tenant").click();

        assertThat(button(page, "Working in Kramerica Industries")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Kramerica CRM")))
                .isVisible();
        BrowserSession.screenshot(page, "52-staff-in-customer-tenant");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Kramerica CRM"))
                .click();
        assertThat(button(page, "Run now")).isVisible();
        assertThat(button(page, "Edit settings")).isHidden();

        button(page, "Working in Kramerica Industries").click();
        button(page, "Leave this tenant").click();
        assertThat(page.getByText("Choose the tenant you work in")).isVisible();

        // the schema registry, to read: contact v2 added the job title, which keeps its backward promise
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schemas"))
                .click();
        page.getByRole(
                        AriaRole.GRIDCELL,
                        new Page.GetByRoleOptions().setName("Contact").setExact(true))
                .click();
        assertThat(page.getByText("Field added: /title (breaks forward)")).isVisible();
        BrowserSession.screenshot(page, "53-schema-registry");
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
