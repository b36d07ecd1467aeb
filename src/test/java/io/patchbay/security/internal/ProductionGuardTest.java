package io.patchbay.security.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void refusesDemoDefaultsAndNamesEachOne() {
        var environment = new MockEnvironment()
                .withProperty("patchbay.demo.seed", "true")
                .withProperty("patchbay.sandbox.enabled", "true")
                .withProperty("patchbay.sandbox.crm.api-key", ProductionGuard.DEMO_SANDBOX_KEY);
        assertThatThrownBy(() -> new ProductionGuard(environment).afterPropertiesSet())
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("PATCHBAY_DEMO_SEED")
                .hasMessageContaining("PATCHBAY_SANDBOX_CRM_API_KEY");
    }

    @Test
    void acceptsAProperProductionSetup() {
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/patchbay")
                .withProperty("patchbay.sandbox.enabled", "false");
        assertThatCode(() -> new ProductionGuard(environment).afterPropertiesSet())
                .doesNotThrowAnyException();
    }
}
