package io.patchbay.sandbox.internal;

import io.patchbay.base.StandardWebhooks;
import io.patchbay.sandbox.SandboxInvoice;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.EgressResponse;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The sandbox billing system's webhook sender, as a third party would run one: after an account's invoice is issued
 * or changes, each endpoint of that account gets a Standard Webhooks delivery ({@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature: v1,...}), retried a few times with backoff under the same message
 * id. The sandbox runs inside the hub, so it sends through the hub's egress guard, for the account's tenant: a URL
 * the guard refuses is never called, and the refusal is that delivery's outcome (not retried: it would be refused
 * the same way).
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxWebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhookSender.class);
    /** As providers retry (Svix: at once, 5 s, 5 min…), shortened for a sandbox: a busy receiver gets half a minute. */
    private static final List<Duration> BACKOFF =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final SandboxWebhookRepository endpoints;
    private final EgressClient egress;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ExecutorService deliveries = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    SandboxWebhookSender(
            SandboxWebhookRepository endpoints, EgressClient egress, TransactionTemplate tx, ObjectMapper json) {
        this.endpoints = endpoints;
        this.egress = egress;
        this.tx = tx;
        this.json = json;
    }

    /** Invoices of the tenant's account changed in a committed transaction; the event type says how. */
    record InvoicesChanged(TenantId tenant, String type, List<SandboxInvoice> invoices) {}

    @TransactionalEventListener(fallbackExecution = true)
    void on(InvoicesChanged event) {
        List<SandboxWebhookRepository.Target> targets =
                CurrentTenant.callAs(event.tenant(), () -> tx.execute(s -> endpoints.targets()));
        if (targets == null || targets.isEmpty()) {
            return;
        }
        for (SandboxInvoice invoice : event.invoices()) {
            var body = json.createObjectNode()
                    .put("type", event.type())
                    .put("timestamp", Instant.now().toString());
            body.set("data", SandboxBillingController.invoiceJson(json, invoice));
            String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
            for (SandboxWebhookRepository.Target target : targets) {
                deliveries.submit(
                        () -> CurrentTenant.runAs(event.tenant(), () -> deliver(target, messageId, body.toString())));
            }
        }
    }

    private void deliver(SandboxWebhookRepository.Target target, String messageId, String body) {
        URI url;
        try {
            url = new URI(target.url());
        } catch (java.net.URISyntaxException e) {
            record(target, false, "Not a URL: " + e.getReason());
            return;
        }
        String outcome = "";
        for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
            try {
                // each attempt is signed afresh: the timestamp is when it was sent
                long timestamp = Instant.now().getEpochSecond();
                EgressResponse response = egress.send(
                        "POST",
                        url,
                        Map.of(
                                "webhook-id", messageId,
                                "webhook-timestamp", String.valueOf(timestamp),
                                "webhook-signature",
                                        StandardWebhooks.sign(target.secret(), messageId, timestamp, body)),
                        body);
                outcome = "HTTP " + response.status();
                if (response.status() / 100 == 2) {
                    record(target, true, outcome);
                    return;
                }
                if (response.status() / 100 == 4 && response.status() != 429) {
                    break; // refused, not failing: a retry would be refused the same way
                }
            } catch (EgressRefusedException e) {
                outcome = "Refused by the egress guard: " + e.getMessage();
                break;
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
            }
            if (attempt < BACKOFF.size() && !sleep(BACKOFF.get(attempt))) {
                return;
            }
        }
        log.info("Sandbox webhook {} to endpoint {} failed: {}", messageId, target.id(), outcome);
        record(target, false, outcome);
    }

    private void record(SandboxWebhookRepository.Target target, boolean delivered, String outcome) {
        tx.executeWithoutResult(s -> endpoints.recordAttempt(target.id(), delivered, outcome));
    }

    /** False when interrupted (the hub is stopping): the delivery is given up. */
    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        deliveries.shutdown();
        deliveries.awaitTermination(5, TimeUnit.SECONDS);
    }
}
