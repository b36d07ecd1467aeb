package io.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Two people changing one connection: the second is told to reload instead of overwriting the first, and no row lock
 * or transaction is held while the external system is called, so nobody waits on another's Test connection.
 */
@IntegrationTest
class ConnectionEditsIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    SandboxCrm crm;

    @Test
    void theSecondOfTwoAdminsEditingOneConnectionIsToldToReloadAndNothingOfTheirsIsSaved() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Two Admins Co");
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection opened = connections.startSetup(ConnectionFixtures.TEMPLATE);
            String apiUrl = crm.apiUrl();
            String apiKey = crm.apiKey();

            Connection first = connections.saveDetails(
                    opened.id(), opened.version(), ConnectionFixtures.sandboxDetails("Ann's CRM", apiUrl, apiKey));

            assertThatThrownBy(() -> connections.saveDetails(
                            opened.id(),
                            opened.version(),
                            ConnectionFixtures.sandboxDetails("Bob's CRM", apiUrl, null)))
                    .isInstanceOf(StaleConnectionException.class)
                    .hasMessageContaining("Reload");
            assertThatThrownBy(() -> connections.saveSchedule(opened.id(), opened.version(), 30))
                    .isInstanceOf(StaleConnectionException.class);
            assertThatThrownBy(() -> lifecycle.activate(opened.id(), opened.version()))
                    .isInstanceOf(StaleConnectionException.class);
            Connection now = connections.find(opened.id()).orElseThrow();
            assertThat(now.name()).isEqualTo("Ann's CRM");
            assertThat(now.version()).isEqualTo(first.version());
            assertThat(now.scheduleMinutes()).isNotEqualTo(30);
        });
    }

    @Test
    void noLockIsHeldWhileActivationTestsTheSystemAndAChangeMadeMeanwhileStopsIt() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Slow System Co");
        Connection saved = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(ConnectionFixtures.TEMPLATE);
            return connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    ConnectionFixtures.sandboxDetails("Slow CRM", crm.apiUrl(), crm.apiKey()));
        });
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            // one request every 4 s: the test below takes the one there is, so activation's test must wait its turn
            crm.setRateLimit(1, Duration.ofSeconds(4));
            connections.testConnection(saved.id(), ConnectionFixtures.sandboxDetails("Slow CRM", crm.apiUrl(), null));
        });

        var activation = new CompletableFuture<Connection>();
        Thread activating = new Thread(() -> {
            try {
                activation.complete(Actors.as(
                        tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.activate(saved.id(), saved.version())));
            } catch (RuntimeException e) {
                activation.completeExceptionally(e);
            }
        });
        activating.start();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> activating.getState() == Thread.State.TIMED_WAITING
                        && Arrays.stream(activating.getStackTrace())
                                .anyMatch(frame -> frame.getClassName().endsWith("HttpExchange")));

        Connection changed = Actors.as(
                tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.saveSchedule(saved.id(), saved.version(), 30));

        assertThat(activation)
                .as("the change did not wait for the activation's test")
                .isNotDone();
        assertThatThrownBy(activation::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StaleConnectionException.class);
        Connection now = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.find(saved.id()).orElseThrow());
        assertThat(now.isDraft())
                .as("what was tested is not what is there now: not activated")
                .isTrue();
        assertThat(now.scheduleMinutes()).isEqualTo(30);
        assertThat(now.version()).isEqualTo(changed.version());
    }
}
