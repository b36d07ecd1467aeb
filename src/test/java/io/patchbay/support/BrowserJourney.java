package io.patchbay.support;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.TenantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What every browser journey starts from: one Chromium for the class ({@link BrowserSession}), the hub's address, the
 * services a journey sets its scene with (tenants and their users, a Sandbox CRM connection, its runs), and a button
 * found by its name as a person finds it.
 */
@IntegrationTest
public abstract class BrowserJourney {

    @RegisterExtension
    protected static final BrowserSession browser = new BrowserSession();

    @Autowired
    protected TenantService tenants;

    @Autowired
    protected PasswordEncoder encoder;

    @Autowired
    protected ConnectionService connections;

    @Autowired
    protected ConnectionLifecycle lifecycle;

    @Autowired
    protected RunService runs;

    @Autowired
    protected SandboxCrm crm;

    @Value("${server.port}")
    protected int port;

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }
}
