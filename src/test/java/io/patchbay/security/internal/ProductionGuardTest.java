package io.patchbay.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void refusesDemoDefaultsAndNamesEachOne() {
        var environment = production()
                .withProperty("patchbay.demo.seed", "true")
                .withProperty("patchbay.sandbox.enabled", "true")
                .withProperty("patchbay.vault.keyset-file", "target/no-such-keyset.json");
        assertThatThrownBy(() -> ProductionGuard.check(environment))
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("PATCHBAY_DEMO_SEED")
                .hasMessageContaining("PATCHBAY_SANDBOX_CRM_API_KEY")
                .hasMessageContaining("PATCHBAY_VAULT_KEYSET");
    }

    @Test
    void acceptsAProperProductionSetup() {
        var environment = production()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/patchbay")
                .withProperty("spring.datasource.password", "from-the-secret-store")
                .withProperty("patchbay.sandbox.enabled", "false")
                .withProperty("patchbay.vault.keyset", "{\"primaryKeyId\":1}");
        assertThatCode(() -> ProductionGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void refusesADatabaseRoleWithoutAPassword() {
        var environment = production()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/patchbay")
                .withProperty("patchbay.vault.keyset", "{\"primaryKeyId\":1}");
        assertThatThrownBy(() -> ProductionGuard.check(environment)).hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void refusesADatabaseRoleThatCanDoMoreThanTheHubNeeds() {
        assertThat(DatabaseRoleGuard.problem(java.util.Map.of(
                        "role",
                        "postgres",
                        "rolsuper",
                        true,
                        "rolcreaterole",
                        true,
                        "rolcreatedb",
                        true,
                        "rolbypassrls",
                        true)))
                .isEqualTo("the database role postgres is a superuser, able to create roles, able to create databases,"
                        + " above row security; connect as a role that owns only Patchbay's own database or schema");
        assertThat(DatabaseRoleGuard.problem(java.util.Map.of(
                        "role",
                        "patchbay",
                        "rolsuper",
                        false,
                        "rolcreaterole",
                        false,
                        "rolcreatedb",
                        false,
                        "rolbypassrls",
                        false)))
                .isNull();
    }

    @Test
    void leavesTheDemoAlone() {
        assertThatCode(() -> ProductionGuard.check(new MockEnvironment())).doesNotThrowAnyException();
    }

    private static MockEnvironment production() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("production");
        return environment;
    }
}
