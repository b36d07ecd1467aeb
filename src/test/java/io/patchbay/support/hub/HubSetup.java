package io.patchbay.support.hub;

import io.patchbay.PatchbayApplication;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.ConnectionService;
import io.patchbay.observability.AlertChannels;
import io.patchbay.observability.Notices;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub booted inside the test JVM on the scenario's database, to set connections up the way the wizard does: as
 * Acme's admin, through {@code ConnectionService}, activated. It migrates the database and seeds the demo tenant and
 * the sandbox on the way.
 *
 * <p>It executes no runs: its sync workers are left out and Quartz is not started, so the runs it queues wait for
 * the hub processes under test. {@link #boot} puts it on the port the hub process will listen on (connections call
 * the sandbox systems at the hub's own address), so it is closed before that process starts; {@link #beside} puts it
 * on a port of its own, as a second node where the admin presses buttons while the hub process runs.
 */
public final class HubSetup implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final TenantId acme;

    private HubSetup(ConfigurableApplicationContext context) {
        this.context = context;
        this.acme = context.getBean(TenantService.class)
                .findBySlug("acme")
                .orElseThrow(() -> new IllegalStateException("The demo profile did not seed tenant Acme"))
                .id();
    }

    /** A setup node on the port in {@code settings}, which the hub process takes over once this one is closed. */
    public static HubSetup boot(HubSettings settings) {
        // as command-line arguments, which win over application.yml as they do for the hub processes
        String[] arguments = settings.with("spring.quartz.auto-startup", false)
                .with("patchbay.alerts.dispatch", false)
                .asArguments()
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PatchbayApplication.class)
                .initializers(setup -> setup.addBeanFactoryPostProcessor(new WithoutSyncWorkers()))
                .run(arguments);
        return new HubSetup(context);
    }

    /**
     * A setup node on a free port of its own that gives connections the sandbox and webhook addresses of the hub
     * process on {@code hubPort}, so that it can stay up beside that process.
     */
    public static HubSetup beside(HubSettings settings, int hubPort) {
        String hub = "http://localhost:" + hubPort;
        return boot(settings.with("patchbay.sandbox.base-url", hub)
                .with("patchbay.inbound.public-url", hub)
                .onPort(HubFiles.freePort()));
    }

    public TenantId acme() {
        return acme;
    }

    /** An active "Sandbox CRM: contacts" connection; its first sync is queued. */
    public String sandboxCrmContacts(String name) {
        return sandboxCrmContacts(name, Map.of(), ConnectionFixtures.SCHEDULE_MINUTES);
    }

    /**
     * An active "Sandbox CRM: contacts" connection with more settings than the wizard's defaults (each must be one
     * that {@link #sandboxCrmSettings()} lists), scheduled every {@code scheduleMinutes}; its first sync is queued.
     */
    public String sandboxCrmContacts(String name, Map<String, ?> settings, int scheduleMinutes) {
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                context.getBean(ConnectionService.class),
                context.getBean(ConnectionLifecycle.class),
                context.getBean(SandboxCrm.class),
                acme,
                name,
                settings,
                scheduleMinutes);
        return connection.id().toString();
    }

    /**
     * The settings the connector of the "Sandbox CRM: contacts" template declares, by name, each with its JSON Schema
     * (type, default, bounds): what a connection may set differs between connector versions.
     */
    public JsonNode sandboxCrmSettings() {
        ConnectorCatalog catalog = context.getBean(ConnectorCatalog.class);
        Template template = context.getBean(TemplateLibrary.class)
                .latest(ConnectionFixtures.TEMPLATE)
                .orElseThrow();
        return catalog.connector(template.connector())
                .orElseThrow()
                .spec()
                .configSchema()
                .path("properties");
    }

    /** An active connection from the "Signed webhooks from any system" template, with a fresh signing secret. */
    public WebhookEndpoint signedWebhooks(String name) {
        String secret = SignedWebhooks.newSecret();
        Connection connection = activated(
                "signed-webhooks",
                draft -> new ConnectionDetails(name, (ObjectNode) draft.settings(), Map.of("signingSecret", secret)),
                UnaryOperator.identity());
        return new WebhookEndpoint(connection.id().toString(), secret);
    }

    /**
     * An active "PostgreSQL: a table" connection to a database on Acme's own network, copying {@code table}; its
     * first sync is queued. The host is opened first as a customer does it: the admin requests a network exception,
     * a solutions engineer approves it.
     */
    public String postgresTable(String name, String host, int port, String database, String table) {
        openNetworkException(host);
        ObjectNode settings = JsonNodeFactory.instance
                .objectNode()
                .put("host", host)
                .put("port", port)
                .put("database", database)
                .put("username", "postgres");
        ConnectionService connections = context.getBean(ConnectionService.class);
        Connection connection = activated(
                "postgres-table",
                draft -> new ConnectionDetails(name, settings, Map.of("password", "trusted-anyway")),
                saved -> connections.chooseStream(saved.id(), saved.version(), table));
        return connection.id().toString();
    }

    /** As someone typing in Acme's sandbox CRM: {@code count} emails typed badly, which a sync quarantines. */
    public void spoilCrmEmails(int count) {
        SandboxCrm crm = context.getBean(SandboxCrm.class);
        Actors.as(acme, Role.CUSTOMER_ADMIN, () -> crm.spoilEmails(count));
    }

    /**
     * As users of Acme's sandbox CRM: {@code count} contacts changed, 50 at a time, for the next read to take up (the
     * CRM pages by change time, and more than a page changed at one instant cannot be paged).
     */
    public void changeCrmContacts(int count) {
        SandboxCrm crm = context.getBean(SandboxCrm.class);
        for (int changed = 0; changed < count; changed += 50) {
            int now = Math.min(50, count - changed);
            Actors.as(acme, Role.CUSTOMER_ADMIN, () -> crm.changeContacts(now));
        }
    }

    /**
     * As Acme's admin on the quarantine: fixes the connection's mapping to take the spoiled emails, then asks for
     * every quarantined record to be reprocessed (the hub process executes the run it queues). Returns how many.
     */
    public int fixMappingAndReprocess(String connectionId) {
        var id = new ConnectionId(UUID.fromString(connectionId));
        var mappings = context.getBean(ConnectionMappings.class);
        var connections = context.getBean(ConnectionService.class);
        var quarantine = context.getBean(Quarantine.class);
        return Actors.as(acme, Role.CUSTOMER_ADMIN, () -> {
            Connection current = connections.find(id).orElseThrow();
            mappings.save(id, current.version(), ConnectionFixtures.MAPPING_FIXING_SPOILED_RECORDS, List.of());
            return quarantine.reprocess(QuarantineFilter.of(id), null);
        });
    }

    /**
     * As Acme's admin: a webhook alert channel to {@code url} (its host opened by a network exception first); returns
     * the channel's signing secret.
     */
    public String alertWebhook(String url) {
        openNetworkException(URI.create(url).getHost());
        AlertChannels channels = context.getBean(AlertChannels.class);
        return Actors.as(acme, Role.CUSTOMER_ADMIN, () -> channels.addWebhook(url))
                .signingSecret();
    }

    /** As support: sends Acme's admins a fix about the connection, a notice for their alert channels. */
    public void sendFix(String connectionId, String message) {
        Notices notices = context.getBean(Notices.class);
        Actors.as(
                acme,
                Role.SUPPORT_AGENT,
                () -> notices.sendFix(new ConnectionId(UUID.fromString(connectionId)), message));
    }

    /** Presses "Run now" on the connection's page as Acme's admin; the hub process executes the run it queues. */
    public String runNow(String connectionId) {
        RunService runs = context.getBean(RunService.class);
        return Actors.as(acme, Role.CUSTOMER_ADMIN, () -> runs.runNow(new ConnectionId(UUID.fromString(connectionId))))
                .toString();
    }

    /**
     * As Acme's admin: starts a setup from the template, saves the details made for its draft, takes the template's
     * further step (choosing a table, say) and activates.
     */
    private Connection activated(
            String template, Function<Connection, ConnectionDetails> details, UnaryOperator<Connection> furtherStep) {
        ConnectionService connections = context.getBean(ConnectionService.class);
        return Actors.as(acme, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(template);
            Connection saved = connections.saveDetails(draft.id(), draft.version(), details.apply(draft));
            Connection ready = furtherStep.apply(saved);
            return context.getBean(ConnectionLifecycle.class).activate(ready.id(), ready.version());
        });
    }

    private void openNetworkException(String host) {
        EgressExceptionService exceptions = context.getBean(EgressExceptionService.class);
        boolean open = Actors.as(
                acme,
                Role.CUSTOMER_ADMIN,
                () -> exceptions.list().stream().anyMatch(e -> e.host().equals(host) && e.opens(Instant.now())));
        if (open) {
            return;
        }
        UUID requested = Actors.as(acme, Role.CUSTOMER_ADMIN, () -> {
            exceptions.request(host, "The source database of a benchmark lives on our own network");
            return exceptions.list().stream()
                    .filter(e -> e.host().equals(host) && e.status() == EgressException.Status.PENDING)
                    .findFirst()
                    .orElseThrow()
                    .id();
        });
        Actors.as(
                acme,
                Role.SOLUTIONS_ENGINEER,
                () -> exceptions.approve(requested, Instant.now().plus(Duration.ofDays(30)), null));
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
