package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two connections send the same people: the sandbox CRM, and a file of contacts met at a trade fair. Templates that
 * match contacts by email make one record of each person across both; the fair's second row about one person cannot
 * be placed alone, waits in the identity review, and the admin merges it into the CRM's record after a preview.
 */
class IdentityJourneyE2EIT extends BrowserJourney {

    private static final LocatorAssertions.IsVisibleOptions SYNC_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(90_000);

    private static final String IDENTITY = """
            identity:
              match:
              - email: email
            """;

    @Autowired
    TemplateLibrary library;

    @Test
    void aContactSentByTwoConnectionsIsMergedIntoOneRecordAfterAPreview() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Fairground Ltd");
        String token = Long.toString(System.nanoTime(), 36);
        String crmTemplate = "CRM contacts by email " + token;
        String fairTemplate = "Trade fair contacts " + token;
        publish(operations, crmTemplate(crmTemplate));
        publish(operations, fairTemplate(fairTemplate));

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template " + crmTemplate).click();
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox CRM:")).isVisible();
        button(page, "Next: field mapping").click();
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(succeeded(page)).isVisible(SYNC_TIMEOUT);

        // the fair's file: Ada with her email in capitals, and Grace twice (she filled the form in twice)
        List<SandboxContact> known = Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> crm.recentlyChanged(2));
        SandboxContact ada = known.get(0);
        SandboxContact grace = known.get(1);
        String csv = "id,first_name,last_name,email,phone\n"
                + "1," + ada.firstName() + "," + ada.lastName() + ","
                + ada.email().toUpperCase(Locale.ROOT) + ",\n"
                + "2," + grace.firstName() + "," + grace.lastName() + "," + grace.email() + ",+1 555 0101\n"
                + "3," + grace.firstName() + "," + grace.lastName() + ", " + grace.email() + " ,+1 555 0102\n";
        page.navigate(baseUrl());
        button(page, "Add integration").first().click();
        button(page, "Use template " + fairTemplate).click();
        button(page, "Test connection").click();
        assertThat(page.getByText("Ready for files")).isVisible();
        button(page, "Next: field mapping").click();
        page.locator("vaadin-upload input[type=file]")
                .setInputFiles(new FilePayload("fair.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator(".upload-outcome")).containsText("3 rows keyed by 'id'");
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(succeeded(page)).isVisible(SYNC_TIMEOUT);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Identities"))
                .click();
        assertThat(page.getByText("1 record waits for someone to say which record it is."))
                .isVisible();
        Locator conflicts = page.locator("vaadin-grid.identity-conflicts");
        assertThat(conflicts).containsText(fairTemplate + " · 3");
        assertThat(conflicts).containsText("Another record from the same connection has the same email");
        BrowserSession.screenshot(page, "80-identity-review-list");
        BrowserSession.screenshotNarrow(page, "80-identity-review-list");

        button(page, "Review").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        String name = grace.firstName() + " " + grace.lastName();
        assertThat(dialog.getByText("Candidate: " + name)).isVisible();
        // the CRM's Grace is already the fair's row 2 as well: matched by email
        assertThat(dialog.locator(".identity-card").nth(1)).containsText("Is 2 external records:");
        page.waitForTimeout(400); // the dialog's opening animation
        BrowserSession.screenshot(page, "81-identity-conflict");
        BrowserSession.screenshotNarrow(page, "81-identity-conflict");

        button(page, "Merge into this").click();
        assertThat(dialog.getByText("After merging")).isVisible();
        assertThat(dialog.getByText("The two records become one with 3 external records"))
                .isVisible();
        assertThat(dialog.locator(".identity-preview")).containsText(fairTemplate + " · 3");
        BrowserSession.screenshot(page, "82-identity-merge-preview");
        BrowserSession.screenshotNarrow(page, "82-identity-merge-preview");
        button(page, "Confirm merge").click();
        assertThat(page.getByText("No records wait: each found the record it is, or is new."))
                .isVisible();
        assertThat(dialog).isHidden();
        BrowserSession.screenshot(page, "83-identity-merged");
    }

    private static Locator succeeded(Page page) {
        return page.locator(".run-status")
                .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                .first();
    }

    private String crmTemplate(String name) {
        return """
                format: 1
                id: crm-by-email-%s
                version: 1
                name: "%s"
                description: Contacts of the CRM, one record per person across connections.
                releaseNotes: First version.
                connector: sandbox-crm@2
                settings:
                  apiUrl: "%s"
                %s
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
                """.formatted(System.nanoTime(), name, crm.apiUrl(), IDENTITY);
    }

    private static String fairTemplate(String name) {
        return """
                format: 1
                id: fair-contacts-%s
                version: 1
                name: "%s"
                description: People met at a trade fair, from the form's CSV export.
                releaseNotes: First version.
                connector: csv-upload@1
                settings:
                  keyColumn: id
                  headerRow: auto
                  delimiter: auto
                  encoding: auto
                %s
                schedule:
                  minutes: 60
                stream:
                  name: rows
                  entity: contact
                  mapping: |
                    {
                      "firstName": .first_name,
                      "lastName": .last_name,
                      "email": trim(.email),
                      "phone": .phone
                    }
                """.formatted(System.nanoTime(), name, IDENTITY);
    }

    private void publish(Tenant operations, String yaml) {
        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            TemplateDraft draft = library.importYaml(yaml);
            library.publish(
                    draft.id(), draft.revision(), "First version.", io.patchbay.catalog.TemplateAudience.EVERYONE);
        });
    }

    /** Found by its whole name: these pages have buttons whose names begin alike. */
    protected static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
