package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.patchbay.db.Tables.CORE_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A solutions engineer makes a template of one customer's working connection, locks a setting, publishes it and
 * applies it to another customer; that customer's admin completes the setup with the locked setting visible, and
 * later upgrades to the template's next version after reading what changes.
 */
class TemplateJourneyE2EIT extends BrowserJourney {

    private static final LocatorAssertions.IsVisibleOptions SYNC_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(90_000);

    @Autowired
    TemplateLibrary library;

    @Autowired
    DSLContext db;

    /** A company as the admin's mapping gives it: upper case only. */
    private static final String UPPERCASE_COMPANY = "\"company\" ?: ?\"[^a-z\"]+\"";

    @Test
    void anEngineerBuildsPublishesAndAppliesATemplateAndTheOtherCustomerCompletesAndUpgradesIt() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        String engineer = TenantFixtures.userWithRole(tenants, encoder, operations, Role.SOLUTIONS_ENGINEER);
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Pendant Publishing");
        Tenant target = TenantFixtures.tenantWithAdmin(tenants, encoder, "Monks Diner");
        ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, source.id(), "Pendant CRM", Map.of("pageSize", 200), 30);
        String templateId = "crm-standard-" + System.nanoTime();

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        BrowserSession.chooseTenant(page, "Pendant Publishing", "Ticket 77: make their CRM setup our standard");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pendant CRM"))
                .click();
        button(page, "Save as template").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Template name").fill("CRM standard");
        dialog.getByLabel("Template id").fill(templateId);
        button(page, "Create template").click();

        // the draft: the connection's settings and mapping; the engineer locks the page size, and a typo is named
        Locator yaml = page.getByLabel("Draft (YAML)");
        assertThat(yaml).isVisible();
        String draft = yaml.inputValue();
        assertThat(draft).contains("pageSize: 200").doesNotContain("apiKey");
        yaml.fill(draft.replace("schedule:", "lockd:\n- pageSize\nschedule:"));
        button(page, "Save draft").click();
        assertThat(page.getByText("lockd")).isVisible();
        BrowserSession.screenshot(page, "60-template-draft-refused");
        yaml.fill(draft.replace(
                "schedule:\n  minutes: 30",
                "locked:\n- pageSize\nguardrails:\n  minScheduleMinutes: 60\nschedule:\n  minutes: 60"));
        button(page, "Save draft").click();
        assertThat(page.getByText("Draft saved.")).isVisible();
        button(page, "Publish v1").click();
        dialog = page.getByRole(AriaRole.DIALOG);
        // the engineer reviews what admins will read: neutral words, not the customer's it was made from
        assertThat(dialog.getByText("Name: CRM standard")).isVisible();
        assertThat(dialog.locator(".template-review")).not().containsText("Pendant");
        // offered only to the tenant it is for, unless the engineer says every tenant
        assertThat(dialog.getByRole(
                        AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Only the tenants chosen here")))
                .isChecked();
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Tenants"))
                .fill("Monks");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Monks Diner"))
                .click();
        // the list of tenants stays open for more choices until it is closed
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Tenants"))
                .press("Escape");
        dialog.getByLabel("Release notes").fill("Our standard: 200 contacts a page.");
        BrowserSession.screenshot(page, "61a-template-publish-review");
        button(page, "Publish").click();
        assertThat(page.getByText("Our standard: 200 contacts a page.")).isVisible();
        assertThat(page.getByText(java.util.regex.Pattern.compile("· offered to Monks Diner\\.")))
                .isVisible();
        BrowserSession.screenshot(page, "61-template-published");
        org.assertj.core.api.Assertions.assertThat(Actors.as(source.id(), Role.CUSTOMER_ADMIN, () -> library.gallery()))
                .as("the customer it was made from is not offered it")
                .extracting(Template::id)
                .doesNotContain(templateId);
        org.assertj.core.api.Assertions.assertThat(Actors.as(target.id(), Role.CUSTOMER_ADMIN, () -> library.gallery()))
                .extracting(Template::id)
                .contains(templateId);

        button(page, "Apply to a tenant…").click();
        dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Customer tenant"))
                .fill("Monks");
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Monks Diner"))
                .click();
        dialog.getByLabel("Why").fill("Onboarding call with Monks Diner");
        button(page, "Apply").click();
        assertThat(button(page, "Working in Monks Diner")).isVisible();
        assertThat(page.getByText("Set up CRM standard")).isVisible();
        BrowserSession.screenshot(page, "62-template-applied");

        // the other customer's admin completes the setup; the locked page size is shown, not editable
        Page admin = browser.newPage();
        BrowserSession.signIn(admin, baseUrl(), TenantFixtures.adminOf(target), TenantFixtures.PASSWORD);
        assertThat(admin.getByText("Setups in progress")).isVisible();
        button(admin, "Continue setup").click();
        Locator pageSize = admin.getByLabel("Contacts per page");
        assertThat(pageSize).hasValue("200");
        assertThat(admin.getByText("Locked by the template")).isVisible();
        assertThat(pageSize).not().isEditable();
        BrowserSession.screenshot(admin, "63-setup-with-locked-setting");
        BrowserSession.textbox(admin, "API key").fill(Actors.as(target.id(), Role.CUSTOMER_ADMIN, crm::apiKey));
        button(admin, "Test connection").click();
        assertThat(admin.getByText("Connected to Sandbox CRM:")).isVisible();
        button(admin, "Next: field mapping").click();
        assertThat(admin.getByLabel("Mapping expression")).containsText(".first_name");
        // the admin makes the template's mapping their own, tried on live contacts as it is typed
        button(admin, "Edit mapping").click();
        Locator mapping = admin.getByLabel("Mapping (JSLT)");
        assertThat(mapping).isVisible();
        mapping.fill(mapping.inputValue().replace("\"company\": .company,", "\"company\": uppercase(.company),"));
        mapping.blur();
        assertThat(admin.locator(".mapping-status"))
                .containsText("sample records fit.", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(admin.getByLabel("Mapped record")).containsText(java.util.regex.Pattern.compile(UPPERCASE_COMPANY));
        BrowserSession.screenshot(admin, "63a-mapping-edited-in-setup");
        button(admin, "Save mapping").click();
        assertThat(admin.getByLabel("Mapping expression")).containsText("uppercase(.company)");
        button(admin, "Next: validate").click();
        button(admin, "Next: schedule").click();

        // a sync every 30 minutes breaks the template's guardrail: the admin asks for an exception
        admin.getByLabel("Sync every (minutes)").fill("30");
        button(admin, "Activate").click();
        assertThat(admin.getByText("Cannot activate yet")).isVisible();
        assertThat(admin.getByText("rule min-schedule of the template CRM standard"))
                .isVisible();
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask for an exception to min-schedule"))
                .click();
        admin.getByRole(AriaRole.DIALOG)
                .getByLabel("Justification")
                .fill("Lunch orders must reach the kitchen within half an hour.");
        button(admin, "Ask for the exception").click();
        assertThat(admin.getByText("waiting for a solutions engineer")).isVisible();
        BrowserSession.screenshot(admin, "63b-guardrail-exception-asked");

        // the engineer approves it on the Exceptions page, in a session of their own, while the admin's page stays open
        page = browser.secondPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        BrowserSession.chooseTenant(page, "Monks Diner", "Their exception request for the CRM schedule");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Exceptions").setExact(true))
                .click();
        assertThat(page.getByText("Lunch orders must reach the kitchen")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve the exception for CRM standard"))
                .click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Note (optional)").fill("For the lunch rush");
        BrowserSession.screenshot(page, "63c-exception-approval");
        button(page, "Approve").last().click();
        assertThat(page.getByText("Approved (For the lunch rush)")).isVisible();

        // the admin's setup shows the approval without a reload
        assertThat(admin.getByText("Exception approved until")).isVisible();
        button(admin, "Activate").click();
        assertThat(admin.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        // the contacts landed in the core store as the admin's mapping made them
        var companies = db.select(CORE_RECORD.DATA)
                .from(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(target.id().value()))
                .fetch(CORE_RECORD.DATA);
        org.assertj.core.api.Assertions.assertThat(companies).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(companies.stream()
                        .map(data -> data.data())
                        .filter(data -> data.contains("\"company\""))
                        .toList())
                .isNotEmpty()
                .allSatisfy(
                        data -> org.assertj.core.api.Assertions.assertThat(data).containsPattern(UPPERCASE_COMPANY));

        String connectionPage = admin.url();

        // the engineer publishes v2 of the template while the admin's page is open; the admin upgrades after reading
        // the diff
        page = browser.secondPage();
        BrowserSession.signIn(page, baseUrl(), engineer, TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/templates/" + templateId);
        Locator next = page.getByLabel("Draft (YAML)");
        assertThat(next).hasValue(java.util.regex.Pattern.compile("version: 2"));
        next.fill(next.inputValue()
                .replace("pageSize: 200", "pageSize: 250")
                .replace("\"email\": .email,", "\"email\": lowercase(.email),"));
        button(page, "Save draft").click();
        assertThat(page.getByText("Draft saved.")).isVisible();
        button(page, "Publish v2").click();
        // a later version goes to the tenants the one before went to
        assertThat(page.getByRole(AriaRole.DIALOG)
                        .getByRole(
                                AriaRole.RADIO, new Locator.GetByRoleOptions().setName("Only the tenants chosen here")))
                .isChecked();
        page.getByRole(AriaRole.DIALOG)
                .getByLabel("Release notes")
                .fill("Pages of 250: fewer requests; emails in lower case.");
        button(page, "Publish").click();
        assertThat(page.getByText("Pages of 250: fewer requests; emails in lower case."))
                .isVisible();
        BrowserSession.screenshot(page, "63d-template-v2-published");
        // offered on the admin's page, open all along, without a reload
        assertThat(admin.getByText("A newer template version is available")).isVisible();
        org.assertj.core.api.Assertions.assertThat(admin.url()).isEqualTo(connectionPage);
        assertThat(admin.getByText("Setting pageSize")).isVisible();
        assertThat(admin.getByLabel("Mapping changes").getByText("− \"email\": .email,"))
                .isVisible();
        assertThat(admin.getByLabel("Mapping changes").getByText("+ \"email\": lowercase(.email),"))
                .isVisible();
        BrowserSession.screenshot(admin, "64-template-upgrade-offered");
        button(admin, "Upgrade to template v2").click();
        assertThat(admin.getByText("Upgraded to template v2.")).isVisible();
        assertThat(admin.getByText("A newer template version is available")).isHidden();
    }

    /** Found by its whole name: these pages have buttons whose names begin alike. */
    protected static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
