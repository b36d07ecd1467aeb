package io.patchbay.sandbox.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.sandbox.SandboxInvoice;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox billing system's webhook sender, as a third party would run one: after an invoice is issued or
 * changes, each endpoint gets a Standard Webhooks delivery ({@code webhook-id}, {@code webhook-timestamp}, {@code
 * webhook-signature: v1,...}), retried a few times with backoff under the same message id. It calls out with a plain
 * HTTP client, not Patchbay's egress guard: it plays the system on the other side.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxWebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhookSender.class);
    private static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final SandboxWebhookRepository endpoints;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService deliveries = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    SandboxWebhookSender(SandboxWebhookRepository endpoints, TransactionTemplate tx, ObjectMapper json) {
        this.endpoints = endpoints;
        this.tx = tx;
        this.json = json;
    }

    /** Invoices changed in a committed transaction; the event type says how. */
    record InvoicesChanged(String type, List<SandboxInvoice> invoices) {}

    @TransactionalEventListener(fallbackExecution = true)
    void on(InvoicesChanged event) {
        List<SandboxWebhookEndpoint> targets = tx.execute(s -> endpoints.all());
        if (targets == null || targets.isEmpty()) {
            return;
        }
        for (SandboxInvoice invoice : event.invoices()) {
            var body = json.createObjectNode()
                    .put("type", event.type())
                    .put("timestamp", Instant.now().toString());
            body.set("data", SandboxBillingController.invoiceJson(json, invoice));
            String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
            for (SandboxWebhookEndpoint endpoint : targets) {
                deliveries.submit(() -> deliver(endpoint, messageId, body.toString()));
            }
        }
    }

    private void deliver(SandboxWebhookEndpoint endpoint, String messageId, String body) {
        String outcome = "";
        for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
            try {
                // each attempt is signed afresh: the timestamp is when it was sent
                long timestamp = Instant.now().getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", messageId)
                        .header("webhook-timestamp", String.valueOf(timestamp))
                        .header("webhook-signature", sign(endpoint.secret(), messageId, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = "HTTP " + response.statusCode();
                if (response.statusCode() / 100 == 2) {
                    record(endpoint, true, outcome);
                    return;
                }
                if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                    break; // refused, not failing: a retry would be refused the same way
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
            }
            if (attempt < BACKOFF.size()) {
                sleep(BACKOFF.get(attempt));
            }
        }
        log.info("Sandbox webhook {} to {} failed: {}", messageId, endpoint.url(), outcome);
        record(endpoint, false, outcome);
    }

    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(SandboxWebhookEndpoint endpoint, boolean delivered, String outcome) {
        tx.executeWithoutResult(s -> endpoints.recordAttempt(endpoint.id(), delivered, outcome));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        deliveries.shutdown();
        deliveries.awaitTermination(5, TimeUnit.SECONDS);
    }
}
