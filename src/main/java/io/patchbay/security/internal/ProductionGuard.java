package io.patchbay.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the production profile with a demo default: an embedded database, seeded demo users or the
 * sandbox systems with their published API key.
 */
@Component
@Profile("production")
class ProductionGuard implements InitializingBean {

    static final String DEMO_SANDBOX_KEY = "sbx_demo_6f1d2c9a84e3";

    private final Environment environment;

    ProductionGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            problems.add("SPRING_DATASOURCE_URL is not set (the embedded database is for laptops only)");
        }
        if (environment.getProperty("patchbay.demo.seed", Boolean.class, false)) {
            problems.add("PATCHBAY_DEMO_SEED is true (demo users have published passwords)");
        }
        if (environment.getProperty("patchbay.sandbox.enabled", Boolean.class, false)
                && DEMO_SANDBOX_KEY.equals(environment.getProperty("patchbay.sandbox.crm.api-key"))) {
            problems.add("the sandbox systems are on with their published API key (PATCHBAY_SANDBOX_CRM_API_KEY)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Patchbay refuses to start in production: " + String.join("; ", problems));
        }
    }
}
