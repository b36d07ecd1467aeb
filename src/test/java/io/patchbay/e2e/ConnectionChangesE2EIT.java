package io.patchbay.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.Connection;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserJourney;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A customer admin changes a connection after its setup, in a real browser: edit, rotate a key, edit the mapping
 * against live records, reschedule, delete, and discard a setup nobody will finish.
 */
class ConnectionChangesE2EIT extends BrowserJourney {

    @Test
    void anAdminEditsRotatesReschedulesAndDeletesAConnectionAndDiscardsASetup() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Vandelay Industries");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Vandelay CRM");
        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection.id(), 1)).stream()
                                .anyMatch(run -> run.status().finished()));
        String apiKey = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey);
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup(ConnectionFixtures.TEMPLATE));

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Vandelay CRM"))
                .click();
        assertThat(button(page, "Edit settings")).isVisible();
        BrowserSession.screenshot(page, "40-connection-with-change-actions");
        String connectionPage = page.url();

        // the key leaked: the CRM issues a new one, and the old one stops working there at once
        page.navigate(baseUrl() + "/sandbox-systems");
        button(page, "Issue a new API key").click();
        button(page, "Issue a new key").click();
        assertThat(page.getByText("New API key issued")).isVisible();
        String newKey = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey);
        org.assertj.core.api.Assertions.assertThat(newKey).isNotEqualTo(apiKey);
        assertThat(page.getByText(newKey)).isVisible();
        page.navigate(connectionPage);

        // a key that does not work is tested, refused, and nothing is saved
        button(page, "Edit settings").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("API key").fill("sbx_not_the_key_1234");
        button(page, "Test and save").click();
        assertThat(dialog.getByText("Nothing was saved")).isVisible();
        BrowserSession.screenshot(page, "41-edit-settings-refused");

        // the new key, rotated in, and a new name: tested, saved, the key shown only as its hint
        dialog.getByLabel("API key").fill(newKey);
        dialog.getByLabel("Connection name").fill("Vandelay contacts");
        button(page, "Test and save").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Vandelay contacts")))
                .isVisible();
        assertThat(page.content()).doesNotContain(apiKey).doesNotContain(newKey);

        // the mapping, against live contacts: a typo is named with its line, a fixed one previews each record
        button(page, "Edit mapping").click();
        Locator mapping = page.getByLabel("Mapping (JSLT)");
        assertThat(mapping).isVisible();
        assertThat(page.getByText("All 20 sample records fit.")).isVisible();
        String templates = mapping.inputValue();
        // (each leaves the field, which sends it at once, as pressing Save would)
        mapping.fill(templates.replace("\"company\": .company,", "\"company\" uppercase(.company),"));
        mapping.blur();
        assertThat(page.getByText("Line 5, column").first()).isVisible();
        // work that doubles with each call is stopped on the first sample, in words, and cannot be saved
        mapping.fill("def f(n) if ($n > 0) f($n - 1) + f($n - 1) else 1\n"
                + templates.replace("\"company\": .company,", "\"company\": string(f(40)),"));
        mapping.blur();
        assertThat(page.getByText("Sample 1 of 20: The mapping was stopped on this record")
                        .first())
                .isVisible();
        BrowserSession.screenshot(page, "44-mapping-stopped");
        BrowserSession.screenshotNarrow(page, "44-mapping-stopped");
        mapping.fill(templates.replace("\"company\": .company,", "\"company\": uppercase(.company),"));
        mapping.blur();
        assertThat(page.getByText("All 20 sample records fit.")).isVisible();
        assertThat(page.getByLabel("Mapped record")).containsText("\"company\"");
        BrowserSession.screenshot(page, "45-mapping-editor");
        button(page, "Save mapping").click();
        assertThat(page.getByText("Mapping saved")).isVisible();
        assertThat(button(page, "Edit settings")).isVisible();

        button(page, "Change schedule").click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Sync every (minutes)").fill("2");
        button(page, "Save schedule").click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("Choose between 5 and 1440 minutes"))
                .isVisible();
        page.getByRole(AriaRole.DIALOG).getByLabel("Sync every (minutes)").fill("30");
        button(page, "Save schedule").click();
        assertThat(page.getByText("every 30 min")).isVisible();

        // its whole configuration as YAML, to bring back below
        button(page, "Export YAML").click();
        String exported =
                page.getByRole(AriaRole.DIALOG).getByLabel("Connection YAML").inputValue();
        assertThat(exported).contains("format: patchbay.connection/1", "minutes: 30", "uppercase(.company)");
        assertThat(exported).doesNotContain(apiKey).doesNotContain(newKey);
        button(page, "Close").click();

        button(page, "Delete").click();
        BrowserSession.screenshot(page, "42-delete-connection");
        page.getByRole(AriaRole.DIALOG)
                .getByLabel("Type the connection's name to confirm")
                .fill("Vandelay contacts");
        button(page, "Delete connection").click();
        assertThat(page.getByText("Deleted Vandelay contacts.")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Vandelay contacts")))
                .isHidden();

        // the setup nobody will finish
        assertThat(page.getByText("Setups in progress")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discard setup Sandbox CRM: contacts"))
                .click();
        BrowserSession.screenshot(page, "43-discard-setup");
        button(page, "Discard setup").click();
        assertThat(page.getByText("Setups in progress")).isHidden();
        assertThat(page.getByText("No integrations yet")).isVisible();

        // the export imports back: a setup with the same configuration, its key asked for, activated as usual
        button(page, "Import YAML").click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Connection YAML").fill(exported);
        button(page, "Import").click();
        page.getByRole(AriaRole.DIALOG).getByLabel("API key").fill(newKey);
        button(page, "Import").click();
        button(page, "Activate").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Vandelay contacts")))
                .isVisible();
        var imported = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, connections::list);
        assertThat(imported).singleElement().satisfies(made -> {
            assertThat(made.scheduleMinutes()).isEqualTo(30);
            assertThat(made.mapping()).contains("uppercase(.company)");
        });
    }

    /** Found by its whole name: these pages have buttons whose names begin alike. */
    protected static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
