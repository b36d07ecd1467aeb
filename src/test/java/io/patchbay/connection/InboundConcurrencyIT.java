package io.patchbay.connection;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a webhook URL acknowledges is applied exactly once, however many senders post at once: 16 senders, thousands
 * of messages, every one answered 202 and every one in the core store once the runs are done.
 */
@IntegrationTest
class InboundConcurrencyIT {

    private static final int SENDERS = 16;
    private static final int MESSAGES = 3_000;

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
    DSLContext db;

    @Test
    void everyAcknowledgedMessageIsAppliedOnceUnderSixteenConcurrentSenders() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Flood Co");
        String secret = SignedWebhooks.newSecret();
        Connection connection = activeWebhooks(tenant, secret);
        String url = inbound.webhookUrl(connection.id());

        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Object>> sent = IntStream.range(0, MESSAGES)
                    .mapToObj(i -> senders.submit(() -> {
                        String id = "msg_" + i;
                        String body =
                                "{\"type\":\"thing.changed\",\"data\":{\"id\":\"rec_" + i + "\",\"n\":" + i + "}}";
                        HttpResponse<String> response = SignedWebhooks.post(http, url, secret, id, body);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (response.statusCode() / 100 == 2) {
                            acknowledged.add("rec_" + i);
                        }
                        return null;
                    }))
                    .toList();
            for (Future<Object> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(statuses.keySet())
                .as("every valid delivery is accepted: %s", statuses)
                .containsOnly(202);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> idle(connection));
        List<String> applied = db.select(CORE_RECORD.DATA)
                .from(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(tenant.id().value()))
                .fetch(r -> r.value1().data().replaceAll(".*\"id\": ?\"(rec_\\d+)\".*", "$1"));
        assertThat(applied).as("applied exactly once each").doesNotHaveDuplicates();
        assertThat(Set.copyOf(applied))
                .as("every acknowledged message is applied")
                .isEqualTo(acknowledged);
    }

    @Test
    void aDeliveryStampedOutsideAnyCalendarIsRefusedAsNotAuthenticNeverRedirected() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Far Future Co");
        Connection connection = activeWebhooks(tenant, SignedWebhooks.newSecret());
        var http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String timestamp : List.of("99999999999999999", "-99999999999999999", "1e9", "now")) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(inbound.webhookUrl(connection.id())))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"data\":{\"id\":\"1\"}}"))
                    .header("webhook-id", "msg_far")
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", "v1,AAAA")
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(timestamp).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private Connection activeWebhooks(Tenant tenant, String secret) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("signed-webhooks");
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(
                            "Signed webhooks", (ObjectNode) draft.settings(), Map.of("signingSecret", secret)));
            return lifecycle.activate(draft.id(), saved.version());
        });
    }

    private boolean idle(Connection connection) {
        return db.fetchCount(
                        SYNC_RUN,
                        SYNC_RUN.CONNECTION_ID.eq(connection.id().value()).and(SYNC_RUN.STATUS.in("queued", "running")))
                == 0;
    }
}
