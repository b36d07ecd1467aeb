package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin sends the core product's contacts to the sandbox CRM: the setup shows what the CRM accepts and validates
 * the core records against it; the first run sends the good ones, and the two the CRM cannot take wait in quarantine,
 * one caught before it was sent, one refused by the CRM in its own words.
 */
class DestinationJourneyE2EIT extends BrowserJourney {

    private static final LocatorAssertions.IsVisibleOptions SYNC_TIMEOUT =
            new LocatorAssertions.IsVisibleOptions().setTimeout(90_000);

    @Autowired
    TemplateLibrary library;

    @Test
    void contactsAreSentToTheCrmAndWhatItCannotTakeWaitsInQuarantineWithItsWords() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Outbound Ltd");
        String token = Long.toString(System.nanoTime(), 36);
        String fileTemplate = "Contacts file " + token;
        publish(operations, fileTemplate(fileTemplate));

        // the core store's contacts: twenty from a file, one without a company, one with a name the CRM cannot keep
        var csv = new StringBuilder("id,first_name,last_name,email,company\n");
        for (int i = 1; i <= 20; i++) {
            csv.append(i)
                    .append(",Pat,Person")
                    .append(i)
                    .append(",pat")
                    .append(i)
                    .append('.')
                    .append(token)
                    .append("@example.com,Initech\n");
        }
        csv.append("21,Nora,Nocompany,nora.").append(token).append("@example.com,\n");
        csv.append("22,Max,Featherstonehaugh-Cholmondeley-Marjoribanks-Smythe,max.")
                .append(token)
                .append("@example.com,Hooli\n");
        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(customer), TenantFixtures.PASSWORD);
        button(page, "Add integration").first().click();
        button(page, "Use template " + fileTemplate).click();
        button(page, "Test connection").click();
        button(page, "Next: field mapping").click();
        page.locator("vaadin-upload input[type=file]")
                .setInputFiles(new FilePayload(
                        "contacts.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator(".upload-outcome")).containsText("22 rows keyed by 'id'");
        button(page, "Next: validate").click();
        button(page, "Next: schedule").click();
        button(page, "Activate").click();
        assertThat(succeeded(page)).isVisible(SYNC_TIMEOUT);

        page.navigate(baseUrl());
        button(page, "Add integration").first().click();
        assertThat(page.getByText("sandbox-crm@2 · template v1 · sends contact records"))
                .isVisible();
        button(page, "Use template Sandbox CRM: send contacts").click();
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox CRM:")).isVisible();
        button(page, "Next: field mapping").click();
        assertThat(page.getByText("Each core contact is sent to Sandbox CRM (contacts) as it changes"))
                .isVisible();
        BrowserSession.screenshot(page, "90-destination-mapping");
        BrowserSession.screenshotNarrow(page, "90-destination-mapping");
        button(page, "Next: validate").click();
        assertThat(page.getByText("1 of 22 sample records are invalid (4.5 %), within the 5 % the template allows"))
                .isVisible();
        BrowserSession.screenshot(page, "91-destination-validation");
        button(page, "Next: schedule").click();
        button(page, "Activate").click();

        assertThat(page.locator(".run-status")
                        .filter(new Locator.FilterOptions().setHasText("Succeeded with quarantine"))
                        .first())
                .isVisible(SYNC_TIMEOUT);
        page.getByText("records wait in quarantine →").click();
        Locator reasons = page.locator("vaadin-grid.quarantine-reasons");
        assertThat(reasons.getByText("/company").first()).isVisible();
        assertThat(reasons.getByText("Sandbox CRM refused a record (HTTP 422): last_name is longer than the 40"
                                + " characters this CRM keeps")
                        .first())
                .isVisible();
        BrowserSession.screenshot(page, "92-destination-quarantine");
        BrowserSession.screenshotNarrow(page, "92-destination-quarantine");
    }

    private static Locator succeeded(Page page) {
        return page.locator(".run-status")
                .filter(new Locator.FilterOptions().setHasText("Succeeded"))
                .first();
    }

    private static String fileTemplate(String name) {
        return """
                format: 1
                id: contacts-file-%s
                version: 1
                name: "%s"
                description: Contacts from a CSV export.
                releaseNotes: First version.
                connector: csv-upload@1
                settings:
                  keyColumn: id
                  headerRow: auto
                  delimiter: auto
                  encoding: auto
                schedule:
                  minutes: 60
                stream:
                  name: rows
                  entity: contact
                  mapping: |
                    {
                      "firstName": .first_name,
                      "lastName": .last_name,
                      "email": .email,
                      "company": .company
                    }
                """.formatted(System.nanoTime(), name);
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
