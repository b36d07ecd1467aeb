package io.patchbay.tenancy.internal;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantService;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds two customer tenants, "Acme (demo)" and "Globex (demo)", each with a customer admin, and the operator's tenant
 * with a support agent and a solutions engineer, once. README lists the logins; the production profile turns this off.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "patchbay.demo.seed", havingValue = "true")
class DemoTenantSeeder implements ApplicationRunner {

    static final String DEMO_PASSWORD = "patchbay-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoTenantSeeder.class);

    private final TenantService tenants;
    private final PasswordEncoder passwordEncoder;

    DemoTenantSeeder(TenantService tenants, PasswordEncoder passwordEncoder) {
        this.tenants = tenants;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (tenants.findBySlug("acme").isPresent()) {
            return;
        }
        var acme = tenants.createTenant("acme", "Acme (demo)", true);
        var globex = tenants.createTenant("globex", "Globex (demo)", true);
        var operations = tenants.createOperatorTenant("operations", "Patchbay operations");
        String hash = passwordEncoder.encode(DEMO_PASSWORD);
        tenants.createUser(acme.id(), "admin", "Alex Admin", hash, Set.of(Role.CUSTOMER_ADMIN));
        tenants.createUser(globex.id(), "globex-admin", "Gia Globex", hash, Set.of(Role.CUSTOMER_ADMIN));
        // staff belong to the company running Patchbay and choose the customer tenant they work in
        tenants.createUser(operations.id(), "support", "Sam Support", hash, Set.of(Role.SUPPORT_AGENT));
        tenants.createUser(operations.id(), "engineer", "Erin Engineer", hash, Set.of(Role.SOLUTIONS_ENGINEER));
        log.info("Seeded customer tenants 'Acme (demo)' (user admin) and 'Globex (demo)' (user globex-admin), and "
                + "staff support and engineer (see README for passwords)");
    }
}
