package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin sets up the sandbox CRM with a template whose rule rejects the contacts of one company, reads the
 * validation report, activates; the syncs' bad records wait in quarantine grouped by reason; the admin fixes one by
 * editing it and the rest by fixing the mapping, reprocesses, and the quarantine is empty and health Connected again.
 */
class QuarantineJourneyE2EIT extends BrowserJourney {

    private static final LocatorAssertions.IsVisibleOptions SYNC_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(90_000);

    /** Every company of the sandbox's contacts but one, which the core product knows as "Acme Retail Group". */
    private static final String KNOWN_COMPANIES = "[Initech, Globex, Umbrella Labs, Hooli, Vandelay Industries,"
            + " Stark Logistics, Wayne Freight, Acme Retail Group]";

    @Autowired
    TemplateLibrary library;

    @Test
    void badRecordsAreQuarantinedGroupedByReasonFixedAndReprocessedUntilNoneWait() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Bluth Company");
        String name = "CRM: known companies " + System.nanoTime();
        publishStrictTemplate(operations, name);

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template " + name).click();
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox CRM:")).isVisible();
        button(page, "Next: field mapping").click();
        button(page, "Next: validate").click();

        // one contact in eight works for Acme Retail, which the rule does not allow: within the 15 % allowed
        assertThat(page.getByText("12 of 100 sample records are invalid (12.0 %), within the 15 % the template allows"))
                .isVisible();
        BrowserSession.screenshot(page, "70-validation-report");
        assertThat(grid(page, "invalid-samples")
                        .getByText("/company: is not one of the allowed values")
                        .first())
                .isVisible();
        // the sample is the source's first records: reading everything finds each invalid one before activation
        button(page, "Validate everything").click();
        assertThat(page.getByText("37 of 300 records are invalid (12.3 %), within the 15 % the template allows"))
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.getByText("Read: Every record the source gives (300 records)"))
                .isVisible();
        BrowserSession.screenshot(page, "71-validate-everything");
        button(page, "Next: schedule").click();
        button(page, "Activate").click();

        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded with quarantine"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        assertThat(page.getByText("37 records wait in quarantine →")).isVisible();
        assertThat(page.locator(".health-badge")).hasText("Connected");

        // someone types five emails badly in the CRM: the next sync quarantines all it read, and health degrades
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> crm.spoilEmails(5));
        button(page, "Run now").click();
        assertThat(page.locator(".health-badge"))
                .hasText("Degraded", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(page.locator(".health-reason")).containsText("more than the 15 % its template allows");
        BrowserSession.screenshot(page, "71-degraded-by-quarantine");

        page.getByText("records wait in quarantine →").click();
        Locator reasons = grid(page, "quarantine-reasons");
        assertThat(reasons.getByText("/company: is not one of the allowed values")
                        .first())
                .isVisible();
        Locator emailReason =
                reasons.getByText("/email: is not a valid email address").first();
        assertThat(emailReason).isVisible();
        BrowserSession.screenshot(page, "72-quarantine-grouped");

        // one fixed by editing it: checked as typed, saved once valid
        emailReason.click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Records: /email: is not a valid email address")))
                .isVisible();
        Locator records = grid(page, "quarantine-records");
        records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open"))
                .first()
                .click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        Locator source = dialog.getByLabel("Source record");
        assertThat(source).isVisible();
        // personal data is masked until the admin asks to see it, which the audit trail records
        org.assertj.core.api.Assertions.assertThat(source.inputValue())
                .contains("•••")
                .doesNotContain("(at)");
        assertThat(button(page, "Save and reprocess")).isHidden();
        button(page, "Show personal data").click();
        assertThat(button(page, "Personal data shown (recorded)")).isDisabled();
        assertThat(button(page, "Save and reprocess")).isDisabled();
        String fixed = source.inputValue().replace("(at)", "@").replace("\"Acme Retail\"", "\"Acme Retail Group\"");
        source.fill(fixed);
        source.blur();
        assertThat(dialog.getByText("Nothing: it is valid now.")).isVisible();
        BrowserSession.screenshot(page, "73-quarantined-record-edited");
        button(page, "Save and reprocess").click();
        assertThat(page.getByText("Saved; it will be reprocessed")).isVisible();

        // the rest by fixing the mapping, tried on the records in quarantine before it is saved
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Fix the mapping"))
                .click();
        assertThat(page.getByLabel("Try it on")).containsText("Records in quarantine");
        page.getByLabel("Mapping (JSLT)").fill(ConnectionFixtures.MAPPING_FIXING_SPOILED_RECORDS);
        // leaving the field sends what was typed even where the pause after typing was not long enough to
        page.getByLabel("Mapping (JSLT)").blur();
        // the status names what it found, so a failure here says what the editor showed instead
        assertThat(page.locator(".mapping-status"))
                .containsText("sample records fit.", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        BrowserSession.screenshot(page, "74-mapping-fixed-on-quarantine");
        String quarantinePage = page.url().replaceAll("/mapping.*$", "/quarantine");
        button(page, "Save mapping").click();
        // saved before the page is left: leaving at once could cut the save short
        assertThat(page.getByText("Mapping saved; the next sync uses it.")).isVisible();
        // and back where it was opened from, the quarantine
        page.waitForURL(quarantinePage);
        Locator reprocessAll = page.getByRole(
                AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Reprocess \\d+ records$")));
        reprocessAll.click();
        assertThat(page.getByText("records will be reprocessed")).isVisible();
        // the reprocess run reads the source again, then takes the records up; in the full suite it may queue behind
        // the scheduled runs of earlier tests' connections for the two workers. The page follows without a reload.
        assertThat(page.getByText("Nothing waits in quarantine"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(150_000));
        assertThat(page.getByText("Of the records it held")).containsText("were reprocessed");
        BrowserSession.screenshot(page, "75-quarantine-empty");

        page.navigate(page.url().replace("/quarantine", ""));
        assertThat(page.locator(".health-badge")).hasText("Connected");
        assertThat(page.locator(".quarantine-link")).isHidden();
        BrowserSession.screenshot(page, "76-connected-again");
    }

    private void publishStrictTemplate(Tenant operations, String name) {
        String id = "crm-known-" + System.nanoTime();
        String yaml = """
                format: 1
                id: %s
                version: 1
                name: "%s"
                description: Contacts of the companies we serve; the others wait in quarantine.
                releaseNotes: First version.
                connector: sandbox-crm@2
                settings:
                  apiUrl: "%s"
                validation:
                  quarantineAbovePercent: 15
                  rules:
                  - field: company
                    allowed: %s
                schedule:
                  minutes: 1440
                stream:
                  name: contacts
                  entity: contact
                  mapping: |
                    {
                      "firstName": .first_name,
                      "lastName": .last_name,
                      "email": .email,
                      "company": .company,
                      "phone": .phone
                    }
                """.formatted(id, name, crm.apiUrl(), KNOWN_COMPANIES);
        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            TemplateDraft draft = library.importYaml(yaml);
            library.publish(id, draft.revision(), "First version.", io.patchbay.catalog.TemplateAudience.EVERYONE);
        });
    }

    /** A grid by its class name: its cells are the grid element's own children, where text is found. */
    private static Locator grid(Page page, String className) {
        return page.locator("vaadin-grid." + className);
    }

    /** Found by its whole name: these pages have buttons whose names begin alike. */
    protected static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
