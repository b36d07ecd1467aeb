package io.patchbay.sandbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sandbox systems in a browser: an admin sees their organisation's keys and signing secrets and adds endpoints the
 * egress guard lets through; a support agent of the same organisation sees the account without any of its secrets
 * and without the buttons; another organisation's admin sees only their own account.
 */
@IntegrationTest
class SandboxSystemsPageE2EIT {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxBilling billing;

    @Autowired
    SandboxCalendar calendar;

    @Value("${server.port}")
    int port;

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void adminsSeeAndTurnTheirOwnAccountAndSupportAgentsSeeItWithoutSecrets() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Vandelay");
        String support = TenantFixtures.userWithRole(tenants, encoder, tenant, Role.SUPPORT_AGENT);
        Tenant stranger = TenantFixtures.tenantWithAdmin(tenants, encoder, "Kramerica");
        String endpointUrl = baseUrl() + "/hooks/" + UUID.randomUUID();

        Page page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/sandbox-systems");
        assertThat(page.getByText(admin(tenant, crm::apiKey))).isVisible();
        assertThat(page.getByText(admin(tenant, billing::clientSecret))).isVisible();
        assertThat(page.getByText(admin(tenant, calendar::clientSecret))).isVisible();

        BrowserSession.textbox(page, "Endpoint URL").fill("http://127.0.0.1:5432/");
        button(page, "Add endpoint").click();
        assertThat(page.getByText(
                        "127.0.0.1 is a loopback address, which connectors never reach (rule: never-reachable)"))
                .isVisible();
        BrowserSession.textbox(page, "Endpoint URL").fill(endpointUrl);
        button(page, "Add endpoint").click();
        Locator endpoints = page.locator("vaadin-grid.webhook-endpoints");
        assertThat(endpoints).containsText(endpointUrl);
        String webhookSecret = admin(
                        tenant,
                        () -> billing.webhookSecret(billing.webhookEndpoint(endpointUrl)
                                .orElseThrow()
                                .id()))
                .orElseThrow();
        assertThat(endpoints).containsText(webhookSecret);
        screenshots(page, "sandbox-systems-admin");

        List<String> secrets = List.of(
                admin(tenant, crm::apiKey),
                admin(tenant, billing::clientId),
                admin(tenant, billing::clientSecret),
                admin(tenant, calendar::clientId),
                admin(tenant, calendar::clientSecret),
                webhookSecret);

        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), support, TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/sandbox-systems");
        assertThat(page.getByText("You see your organisation's sandbox account as a support agent"))
                .isVisible();
        assertThat(page.locator("vaadin-grid.webhook-endpoints")).containsText(endpointUrl);
        assertThat(page.getByText(
                        String.valueOf(admin(tenant, crm::contactCount)), new Page.GetByTextOptions().setExact(true)))
                .isVisible();
        for (String name : List.of(
                "Change 5 contacts",
                "Throttle the API",
                "Add contact",
                "Issue 3 invoices",
                "Add endpoint",
                "Remove",
                "Expire access tokens now",
                "Revoke Patchbay's access")) {
            assertThat(button(page, name)).hasCount(0);
        }
        String shown = page.content();
        assertThat(secrets).allSatisfy(secret -> assertThat(shown).doesNotContain(secret));
        assertThat(shown)
                .doesNotContain("whsec_")
                .doesNotContain("Client secret")
                .doesNotContain("API key");
        screenshots(page, "sandbox-systems-support");

        page = browser.newPage();
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(stranger), TenantFixtures.PASSWORD);
        page.navigate(baseUrl() + "/sandbox-systems");
        assertThat(page.getByText(admin(stranger, crm::apiKey))).isVisible();
        assertThat(page.getByText("No endpoints yet")).isVisible();
        String theirs = page.content();
        assertThat(secrets).allSatisfy(secret -> assertThat(theirs).doesNotContain(secret));
        assertThat(theirs).doesNotContain(endpointUrl);
    }

    /**
     * The whole page at a desktop's width and at a phone's. The hub's layout scrolls its content area, not the
     * page, so the window is made as tall as the view for the shot.
     */
    private static void screenshots(Page page, String name) {
        for (int width : new int[] {1440, 400}) {
            page.setViewportSize(width, 900);
            page.waitForTimeout(300);
            int height = ((Number) page.evaluate("() => document.querySelector('.sandbox-systems-view').scrollHeight"))
                    .intValue();
            page.setViewportSize(width, height + 80);
            page.waitForTimeout(300);
            BrowserSession.screenshot(page, name + "-" + width);
        }
        page.setViewportSize(1280, 860);
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
