package io.patchbay.connection;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.INBOUND_RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Pushed data end to end: signed webhooks from the sandbox billing system and over raw HTTP, and CSV uploads. */
@IntegrationTest
class InboundIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    InboundService inbound;

    @Autowired
    RunService runs;

    @Autowired
    SandboxBilling billing;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private Tenant tenant;
    private SandboxWebhookEndpoint endpoint;
    private String secret;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Inbound Co " + UUID.randomUUID());
    }

    @AfterEach
    void removeEndpoint() {
        if (endpoint != null) {
            Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> billing.removeWebhookEndpoint(endpoint.id()));
        }
    }

    @Test
    void theBillingSystemsSignedWebhooksSyncAtOnceWithoutASchedule() {
        Connection connection = activeInvoiceWebhooks();

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> billing.issueInvoices(2));

        await().atMost(Duration.ofSeconds(90)).until(() -> invoices() == 2);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> newest(connection.id()).status().finished());
        Run run = newest(connection.id());
        assertThat(run.trigger()).isIn(RunTrigger.PUSH, RunTrigger.ACTIVATION);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> runs.nextRun(connection.id())))
                .as("a pushed connection has no schedule")
                .isEmpty();
        assertThat(Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> inbound.recentMessages(connection.id(), 10)))
                .hasSize(2)
                .allSatisfy(message -> {
                    assertThat(message.kind()).isEqualTo(InboundMessage.Kind.WEBHOOK);
                    assertThat(message.summary()).contains("(invoice.created): 1 record.");
                });
    }

    @Test
    void aReplayIsAnsweredOnceAndAppliedOnceWhileForgedStaleAndUnknownDeliveriesAreRefused() throws Exception {
        Connection connection = activeInvoiceWebhooks();
        String url = inbound.webhookUrl(connection.id());
        String body = invoiceEvent("in_9001", "open");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> first = post(url, "msg_replay", now, body, secret);
        HttpResponse<String> replay = post(url, "msg_replay", now, body, secret);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(json.readTree(first.body()).path("status").asString()).isEqualTo("accepted");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).path("status").asString()).isEqualTo("duplicate");
        assertThat(db.fetchCount(
                        INBOUND_RECORD,
                        INBOUND_RECORD.CONNECTION_ID.eq(connection.id().value())))
                .isOne();
        await().atMost(Duration.ofSeconds(90)).until(() -> invoices() == 1);

        HttpResponse<String> stale = post(url, "msg_stale", now - 600, body, secret);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(stale.body());
        assertThat(problem.path("errorClass").asString()).isEqualTo("AUTH");
        assertThat(problem.path("detail").asString()).contains("stale");
        assertThat(problem.path("fix").asString()).isNotBlank();
        // the reference to give support is the request's correlation id, which the answer's header names too
        assertThat(problem.path("reference").asString())
                .isEqualTo(stale.headers().firstValue("X-Correlation-Id").orElseThrow());

        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        HttpResponse<String> forged = post(url, "msg_forged", now, body, otherSecret);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json.readTree(forged.body()).path("detail").asString()).contains("not signed with this connection");

        HttpResponse<String> unknown =
                post(url.replace(connection.id().toString(), UUID.randomUUID().toString()), "msg_x", now, body, secret);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("title").asString()).isEqualTo("No such webhook URL");
        assertThat(post(url.replace(connection.id().toString(), "not-an-id"), "msg_y", now, body, secret)
                        .statusCode())
                .isEqualTo(404);

        String huge = "{\"data\":{\"id\":\"x\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}}";
        assertThat(post(url, "msg_huge", now, huge, secret).statusCode()).isEqualTo(413);
        assertThat(invoices()).isOne();
    }

    @Test
    void aRotatedSigningSecretHoldsFromTheNextDelivery() throws Exception {
        Connection connection = activeInvoiceWebhooks();
        String url = inbound.webhookUrl(connection.id());
        long now = Instant.now().getEpochSecond();
        // the connection is now read and kept for the deliveries that follow
        assertThat(post(url, "msg_before", now, invoiceEvent("in_1", "open"), secret)
                        .statusCode())
                .isEqualTo(202);

        String rotated = "whsec_" + Base64.getEncoder().encodeToString("a-new-signing-secret-24b".getBytes());
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection current = connections.find(connection.id()).orElseThrow();
            return connections.saveDetails(
                    current.id(),
                    current.version(),
                    new ConnectionDetails(
                            current.name(), (ObjectNode) current.settings(), Map.of("signingSecret", rotated)));
        });

        assertThat(post(url, "msg_old_secret", now, invoiceEvent("in_2", "open"), secret)
                        .statusCode())
                .as("the old secret is refused at once")
                .isEqualTo(401);
        assertThat(post(url, "msg_new_secret", now, invoiceEvent("in_3", "open"), rotated)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void aPausedConnectionKeepsWhatArrivesAndAppliesItOnResume() throws Exception {
        Connection connection = activeInvoiceWebhooks();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> newest(connection.id()).status().finished());
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.pause(connection.id()));

        long now = Instant.now().getEpochSecond();
        String url = inbound.webhookUrl(connection.id());
        assertThat(post(url, "msg_p1", now, invoiceEvent("in_1", "open"), secret)
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(url, "msg_p2", now, invoiceEvent("in_1", "paid"), secret)
                        .statusCode())
                .isEqualTo(202);
        assertThat(invoices()).isZero();

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.resume(connection.id()));

        await().atMost(Duration.ofSeconds(90)).until(() -> invoices() == 1);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> newest(connection.id()).status().finished());
        assertThat(db.select(CORE_RECORD.DATA)
                        .from(CORE_RECORD)
                        .where(CORE_RECORD.TENANT_ID.eq(tenant.id().value()))
                        .fetchSingle(CORE_RECORD.DATA)
                        .data())
                .as("the later message of the two about one invoice wins")
                .contains("\"paid\"");
    }

    @Test
    void anUploadedCsvFileSyncsOnActivationAndTheSameFileIsNotAppliedTwice() {
        byte[] file = "id;name\n1;Ann\n2;Bob\n3\n".getBytes(StandardCharsets.UTF_8);
        Connection connection = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("csv-upload");
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails("People file", (ObjectNode) draft.settings(), Map.of()));
            Receipt receipt = inbound.upload(draft.id(), "people.csv", file);
            assertThat(receipt.duplicate()).isFalse();
            assertThat(receipt.message().recordCount()).isEqualTo(2);
            assertThat(receipt.message().problems()).containsExactly("Line 4: 1 value, but there are 2 columns.");
            return lifecycle.activate(draft.id(), saved.version());
        });

        await().atMost(Duration.ofSeconds(90)).until(() -> coreRecords("row") == 2);

        Receipt again =
                Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> inbound.upload(connection.id(), "copy.csv", file));
        assertThat(again.duplicate()).isTrue();
        Receipt more = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> inbound.upload(connection.id(), "more.csv", "id;name\n3;Cid\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(more.duplicate()).isFalse();
        await().atMost(Duration.ofSeconds(90)).until(() -> coreRecords("row") == 3);

        assertThatThrownBy(() -> Actors.as(
                        tenant.id(), Role.SUPPORT_AGENT, () -> inbound.upload(connection.id(), "x.csv", file)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Actors.as(
                        tenant.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> inbound.upload(connection.id(), "orders.csv", "order,total\n1,2\n".getBytes())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.DATA));
    }

    private Connection activeInvoiceWebhooks() {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("sandbox-billing-invoice-events");
            endpoint = billing.addWebhookEndpoint(inbound.webhookUrl(draft.id()));
            secret = billing.webhookSecret(endpoint.id()).orElseThrow();
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(
                            "Invoice webhooks", (ObjectNode) draft.settings(), Map.of("signingSecret", secret)));
            return lifecycle.activate(draft.id(), saved.version());
        });
    }

    @Test
    void forgedDeliveriesPastTheLimitAreToldToWaitWhileSignedOnesAreTaken() throws Exception {
        Connection connection = activeInvoiceWebhooks();
        String url = inbound.webhookUrl(connection.id());
        String body = invoiceEvent("in_9100", "open");
        long now = Instant.now().getEpochSecond();
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        // one sender (an address of its own, as the load balancer forwards it) tries keys
        String prober = "198.51.100." + (1 + new java.util.Random().nextInt(250));

        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            answers.add(
                    post(url, "msg_probe_" + i, now, body, otherSecret, prober).statusCode());
        }
        HttpResponse<String> told = post(url, "msg_probe_told", now, body, otherSecret, prober);

        assertThat(answers.subList(0, 20))
                .as("the first 20 a minute are refused as forged")
                .containsOnly(401);
        assertThat(answers.subList(20, 25))
                .as("then the sender is told to wait")
                .containsOnly(429);
        assertThat(told.statusCode()).isEqualTo(429);
        assertThat(told.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(json.readTree(told.body()).path("detail").asString()).contains("Retry-After");
        // a delivery that verifies is taken, from that same address too
        assertThat(post(url, "msg_signed", now, body, secret, prober).statusCode())
                .isEqualTo(202);
        assertThat(post(url, "msg_signed_other", now, invoiceEvent("in_9101", "open"), secret)
                        .statusCode())
                .isEqualTo(202);
    }

    private HttpResponse<String> post(String url, String id, long timestamp, String body, String secret)
            throws Exception {
        return post(url, id, timestamp, body, secret, "127.0.0.1");
    }

    private HttpResponse<String> post(String url, String id, long timestamp, String body, String secret, String from)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("X-Forwarded-For", from)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", SignedWebhooks.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String invoiceEvent(String id, String status) {
        ObjectNode data = json.createObjectNode()
                .put("id", id)
                .put("customer", "cus_1")
                .put("number", "INV-" + id)
                .put("amount_cents", 1200)
                .put("currency", "EUR")
                .put("status", status);
        ObjectNode event = json.createObjectNode().put("type", "invoice.updated");
        event.set("data", data);
        return event.toString();
    }

    private int invoices() {
        return coreRecords("invoice");
    }

    private int coreRecords(String entity) {
        return db.fetchCount(
                CORE_RECORD, CORE_RECORD.TENANT_ID.eq(tenant.id().value()).and(CORE_RECORD.ENTITY.eq(entity)));
    }

    private Run newest(ConnectionId connection) {
        List<Run> recent = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection, 1));
        return recent.get(0);
    }
}
