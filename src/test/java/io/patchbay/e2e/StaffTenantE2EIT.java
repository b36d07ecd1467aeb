package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.schema.SchemaRegistry;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Staff of the operator: a support agent chooses the customer tenant they work in and leaves it again; a solutions
 * engineer grows the schema registry.
 */
class StaffTenantE2EIT extends BrowserJourney {

    @Autowired
    SchemaRegistry registry;

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
        assertThat(button(page, "Register a new version")).isHidden();
        BrowserSession.screenshot(page, "53-schema-registry");
    }

    @Test
    void anEngineerRegistersTheNextVersionOfASubjectAfterReadingWhatChangesAndRetiresTheOldOne() {
        Tenant operations = tenants.createOperatorTenant("staff-" + System.nanoTime(), "Operations");
        String engineer = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SOLUTIONS_ENGINEER);
        SchemaVersion company = registry.subject("company").orElseThrow().latest();
        int next = company.version() + 1;

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schemas"))
                .click();
        page.getByRole(
                        AriaRole.GRIDCELL,
                        new Page.GetByRoleOptions().setName("Company").setExact(true))
                .click();
        button(page, "Register a new version").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByText("Register company v" + next)).isVisible();

        // dropping a field breaks the backward promise: refused, naming the change
        ObjectNode withoutPhone = (ObjectNode) company.schema();
        ((ObjectNode) withoutPhone.get("properties")).remove("phone");
        dialog.getByLabel("JSON Schema").fill(withoutPhone.toPrettyString());
        button(page, "Check").click();
        assertThat(dialog.getByText("Refused: this version breaks the subject's promise."))
                .isVisible();
        assertThat(dialog.getByText("Field removed: /phone (breaks backward)")).isVisible();

        ObjectNode withFounded = (ObjectNode) company.schema();
        ((ObjectNode) withFounded.get("properties"))
                .putObject("foundedYear")
                .put("minimum", 1600)
                .putArray("type")
                .add("integer")
                .add("null");
        dialog.getByLabel("JSON Schema").fill(withFounded.toPrettyString());
        button(page, "Check").click();
        assertThat(dialog.getByText("Field added: /foundedYear (breaks forward)"))
                .isVisible();
        button(page, "Register").click();
        assertThat(dialog.getByText("Say what this version changes")).isVisible();
        dialog.getByLabel("What this version changes, and why").fill("Adds the year the company was founded");
        BrowserSession.screenshot(page, "54-schema-register");
        button(page, "Register").click();

        assertThat(page.getByText("v" + next + " · Active · Adds the year the company was founded"))
                .isVisible();
        assertThat(page.getByText("Registered by " + engineer).first()).isVisible();
        button(page, "Deprecate v" + company.version()).click();
        assertThat(page.getByText("Announces that v" + company.version() + " will go"))
                .isVisible();
        button(page, "Deprecate").click();
        assertThat(page.getByText("v" + company.version() + " · Deprecated")).isVisible();
        assertThat(button(page, "Dual-publish v" + company.version())).isVisible();
        BrowserSession.screenshot(page, "55-schema-deprecated");
        org.assertj.core.api.Assertions.assertThat(
                        registry.subject("company").orElseThrow().latest().version())
                .isEqualTo(next);
    }

    /** Found by its whole name: these pages have buttons whose names begin alike. */
    protected static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
