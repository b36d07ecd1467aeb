package io.patchbay.faults;

import io.patchbay.PatchbayApplication;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantService;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub booted once inside the test JVM, on the scenario's database and on the port the node that will run the
 * connections listens on later (connections call the sandbox systems at the hub's own address), to set connections
 * up the way the wizard does: as Acme's admin, through {@code ConnectionService}, tested and activated. It migrates
 * the database and seeds the demo tenant and the sandbox on the way.
 *
 * <p>It executes no runs: its sync workers are left out and Quartz is not started, so the runs that activation
 * queues wait for the hub processes under test. It is closed before they start.
 */
final class HubSetup implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final TenantId acme;

    private HubSetup(ConfigurableApplicationContext context) {
        this.context = context;
        this.acme = context.getBean(TenantService.class)
                .findBySlug("acme")
                .orElseThrow(() -> new IllegalStateException("The demo profile did not seed tenant Acme"))
                .id();
    }

    static HubSetup boot(HubSettings settings) {
        // as command-line arguments, which win over application.yml as they do for the hub processes
        String[] arguments =
                settings.with("spring.quartz.auto-startup", false).asArguments().toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PatchbayApplication.class)
                .initializers(setup -> setup.addBeanFactoryPostProcessor(new WithoutSyncWorkers()))
                .run(arguments);
        return new HubSetup(context);
    }

    TenantId acme() {
        return acme;
    }

    /** An active "Sandbox CRM: contacts" connection; its first sync is queued. */
    String sandboxCrmContacts(String name) {
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                context.getBean(ConnectionService.class),
                context.getBean(ConnectionLifecycle.class),
                context.getBean(SandboxCrm.class),
                acme,
                name);
        return connection.id().toString();
    }

    /** An active connection from the "Signed webhooks from any system" template, with a fresh signing secret. */
    WebhookFlood.Endpoint signedWebhooks(String name) {
        String secret = SignedWebhooks.newSecret();
        ConnectionService connections = context.getBean(ConnectionService.class);
        Connection connection = Actors.as(acme, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("signed-webhooks");
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(name, (ObjectNode) draft.settings(), Map.of("signingSecret", secret)));
            return context.getBean(ConnectionLifecycle.class).activate(draft.id(), saved.version());
        });
        return new WebhookFlood.Endpoint(connection.id().toString(), secret);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Leaves the sync workers out of the setup hub: every run is for the hub processes under test. */
    private static final class WithoutSyncWorkers implements BeanFactoryPostProcessor {
        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            // after component scanning, before any bean is created
            ((BeanDefinitionRegistry) beanFactory).removeBeanDefinition("syncWorker");
        }
    }
}
