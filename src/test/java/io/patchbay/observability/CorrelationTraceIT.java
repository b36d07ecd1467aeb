package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.base.Correlation;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InboundService;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.ObjectNode;

/**
 * A correlation id leads to everything it touched: a run's id to the run, the health it changed and the alert it
 * raised; a request's id to the change a person made and the health it caused; a sender's id on a webhook to the
 * data it delivered. Another tenant finds nothing with the same ids, and every response names its request's id.
 */
@IntegrationTest
class CorrelationTraceIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    CorrelationTrace traces;

    @Autowired
    InboundService inbound;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxBilling billing;

    @Value("${server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunsIdLeadsToTheRunTheHealthItChangedAndTheAlertAndARequestsIdToTheChangeThatCausedIt() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Traced Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Untraced Co");
        var fixtures = new RunFixtures(runs, tenant.id());
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Traced CRM", Map.of(), 1440);
        fixtures.awaitNewestFinished(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);

        // a person's change, as a request: the filter names it, here the test does
        String request = "req-" + Long.toHexString(System.nanoTime());
        MDC.put(Correlation.MDC_KEY, request);
        try {
            admin(
                    tenant,
                    () -> connections.saveDetails(
                            connection.id(),
                            connections.find(connection.id()).orElseThrow().version(),
                            ConnectionFixtures.sandboxDetails("Traced CRM", crm.apiUrl(), "sbx_wrong_key_0000")));
        } finally {
            MDC.remove(Correlation.MDC_KEY);
        }
        Run refused = fixtures.runNowAndWait(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);

        var byRun = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> admin(tenant, () -> traces.find(refused.correlationId())),
                        trace -> trace.items().stream().anyMatch(item -> item.kind() == ActivityItem.Kind.NOTICE));
        assertThat(byRun.items())
                .extracting(ActivityItem::kind)
                .containsExactlyInAnyOrder(ActivityItem.Kind.RUN, ActivityItem.Kind.HEALTH, ActivityItem.Kind.NOTICE);
        assertThat(byRun.items()).allSatisfy(item -> {
            assertThat(item.connection()).isEqualTo("Traced CRM");
            assertThat(item.correlationId()).isEqualTo(refused.correlationId());
        });
        assertThat(byRun.items())
                .filteredOn(item -> item.kind() == ActivityItem.Kind.RUN)
                .singleElement()
                .satisfies(item -> assertThat(item.link()).isEqualTo("runs/" + refused.id()));

        var byRequest = admin(tenant, () -> traces.find(request));
        assertThat(byRequest.items())
                .extracting(ActivityItem::kind, ActivityItem::title)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        ActivityItem.Kind.CHANGE, "test-customer_admin changed the settings"));

        Actors.as(other.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(traces.find(refused.correlationId()).isEmpty()).isTrue();
            assertThat(traces.find(request).isEmpty()).isTrue();
        });
        assertThatThrownBy(() -> admin(tenant, () -> traces.find("a b; drop")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 to 64");
    }

    @Test
    void aSendersIdOnAWebhookLeadsToTheDataItDeliveredAndEveryResponseNamesItsRequest() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Pushed Trace Co");
        String secret = admin(tenant, () -> {
            Connection draft = connections.startSetup("sandbox-billing-invoice-events");
            var endpoint = billing.addWebhookEndpoint(inbound.webhookUrl(draft.id()));
            String signing = billing.webhookSecret(endpoint.id()).orElseThrow();
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(
                            "Traced invoices", (ObjectNode) draft.settings(), Map.of("signingSecret", signing)));
            lifecycle.activate(draft.id(), saved.version());
            return signing + "|" + draft.id();
        });
        String signing = secret.substring(0, secret.indexOf('|'));
        String url = "http://localhost:" + port + "/hooks/" + secret.substring(secret.indexOf('|') + 1);
        String body = "{\"type\":\"invoice.created\",\"data\":{\"id\":\"in_trace_1\",\"customer\":\"cus_1\","
                + "\"number\":\"INV-T1\",\"amount_cents\":1200,\"currency\":\"EUR\",\"status\":\"open\"}}";
        long timestamp = Instant.now().getEpochSecond();
        String id = "msg_trace_" + System.nanoTime();
        HttpResponse<String> delivered = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("X-Correlation-Id", "partner-" + id)
                        .header("webhook-id", id)
                        .header("webhook-timestamp", String.valueOf(timestamp))
                        .header("webhook-signature", SignedWebhooks.sign(signing, id, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isBetween(200, 299);
        assertThat(delivered.headers().firstValue("X-Correlation-Id")).contains("partner-" + id);

        assertThat(admin(tenant, () -> traces.find("partner-" + id)).items())
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.kind()).isEqualTo(ActivityItem.Kind.DATA);
                    assertThat(item.connection()).isEqualTo("Traced invoices");
                    assertThat(item.detail()).contains(id);
                });

        // an id that could break a log line is not taken: the request gets one of its own
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .header("X-Correlation-Id", "bad id <script>")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.headers().firstValue("X-Correlation-Id"))
                .hasValueSatisfying(given -> assertThat(given).matches("req-[0-9a-f]{12}"));
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
