package io.patchbay.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** "Sign in with SSO" against a real OIDC provider running locally; tenant and roles come from its claims. */
@IntegrationTest
class OidcLoginIT {

    private static final MockOAuth2Server provider = started();

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    @Value("${server.port}")
    int port;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add(
                "patchbay.auth.oidc.issuer-uri",
                () -> provider.issuerUrl("patchbay").toString());
        registry.add("patchbay.auth.oidc.client-id", () -> "patchbay-hub");
        registry.add("patchbay.auth.oidc.client-secret", () -> "not-a-real-secret");
        registry.add("patchbay.auth.oidc.display-name", () -> "Acme SSO");
    }

    @AfterAll
    static void stop() {
        browser.close();
        provider.shutdown();
    }

    @Test
    void ssoUserLandsInTheHubOfTheTenantNamedByTheClaim() {
        provider.enqueueCallback(token(
                "olivia.sso",
                Map.of(
                        "tenant",
                        "acme",
                        "roles",
                        List.of("CUSTOMER_ADMIN"),
                        "name",
                        "Olivia Sso",
                        "preferred_username",
                        "olivia.sso")));
        Page page = browser.newPage();
        page.navigate(baseUrl() + "/login");
        page.getByText("Sign in with Acme SSO").click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Integrations").setExact(true)))
                .isVisible();
        assertThat(page.getByText("Olivia Sso")).isVisible();
        BrowserSession.screenshot(page, "16-signed-in-with-sso");
    }

    @Test
    void ssoUserOfAnUnknownTenantIsTurnedAwayWithAReason() {
        provider.enqueueCallback(
                token("mallory", Map.of("tenant", "no-such-tenant", "roles", List.of("CUSTOMER_ADMIN"))));
        Page page = browser.newPage();
        page.navigate(baseUrl() + "/login");
        page.getByText("Sign in with Acme SSO").click();
        page.waitForURL(url -> url.contains("/login"));
        assertThat(page.getByText("Sign-in failed")).isVisible();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Integrations").setExact(true)))
                .hasCount(0);
    }

    private static DefaultOAuth2TokenCallback token(String subject, Map<String, Object> claims) {
        return new DefaultOAuth2TokenCallback("patchbay", subject, "JWT", List.of("patchbay-hub"), claims, 3600);
    }

    private static MockOAuth2Server started() {
        var server = new MockOAuth2Server();
        server.start();
        return server;
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
