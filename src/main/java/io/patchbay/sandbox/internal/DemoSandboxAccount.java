package io.patchbay.sandbox.internal;

import io.patchbay.tenancy.TenantService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Opens the demo tenant's sandbox account at start, after the demo tenant is seeded: its configured credentials
 * (README's demo instructions and the certify example use them) work at once, before anyone opens Sandbox systems.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class DemoSandboxAccount implements ApplicationRunner {

    private final TenantService tenants;
    private final SandboxAccounts accounts;

    DemoSandboxAccount(TenantService tenants, SandboxAccounts accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        tenants.findBySlug(SandboxAccounts.DEMO_TENANT).ifPresent(accounts::openDemoAccount);
    }
}
