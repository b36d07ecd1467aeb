package io.patchbay.security.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the production profile with a demo default: an embedded database, a database role without a
 * password, seeded demo users, the sandbox systems with their published API key, or no vault keyset (and
 * {@link DatabaseRoleGuard} a database role that is a superuser). It checks the configuration before any bean
 * exists, so the refusal names every problem at once instead of the first bean that trips over one.
 */
class ProductionGuard implements EnvironmentPostProcessor {

    static final String DEMO_SANDBOX_KEY = "sbx_demo_6f1d2c9a84e3";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    static void check(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            problems.add("SPRING_DATASOURCE_URL is not set (the embedded database is for laptops only)");
        }
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                && !StringUtils.hasText(environment.getProperty("spring.datasource.password"))) {
            problems.add(
                    "SPRING_DATASOURCE_PASSWORD is not set (the hub's database role must sign in with a password)");
        }
        if (environment.getProperty("patchbay.demo.seed", Boolean.class, false)) {
            problems.add("PATCHBAY_DEMO_SEED is true (demo users have published passwords)");
        }
        if (environment.getProperty("patchbay.sandbox.enabled", Boolean.class, false)
                && DEMO_SANDBOX_KEY.equals(environment.getProperty("patchbay.sandbox.crm.api-key", DEMO_SANDBOX_KEY))) {
            problems.add("the sandbox systems are on with their published API key (PATCHBAY_SANDBOX_CRM_API_KEY)");
        }
        String keysetFile = environment.getProperty("patchbay.vault.keyset-file", ".patchbay/vault-keyset.json");
        if (!StringUtils.hasText(environment.getProperty("patchbay.vault.keyset"))
                && !Files.exists(Path.of(keysetFile))) {
            problems.add("PATCHBAY_VAULT_KEYSET is not set and " + keysetFile + " does not exist");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Patchbay refuses to start in production: " + String.join("; ", problems));
        }
    }
}
