package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxInvoice;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The billing system's webhook settings: endpoints with secrets it generates, and the changes it announces. */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxWebhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxWebhookRepository endpoints;
    private final ApplicationEventPublisher events;

    SandboxWebhooks(SandboxWebhookRepository endpoints, ApplicationEventPublisher events) {
        this.endpoints = endpoints;
        this.events = events;
    }

    /** Registers an endpoint (or returns the one at that URL) with a new Standard Webhooks secret. */
    public SandboxWebhookEndpoint add(String url) {
        return endpoints.byUrl(url).orElseGet(() -> endpoints.add(url, newSecret()));
    }

    public void remove(long id) {
        endpoints.remove(id);
    }

    public List<SandboxWebhookEndpoint> all() {
        return endpoints.all();
    }

    public Optional<SandboxWebhookEndpoint> byUrl(String url) {
        return endpoints.byUrl(url);
    }

    /** Announces changed invoices; they are sent once the transaction commits. */
    public void invoicesChanged(String type, List<SandboxInvoice> invoices) {
        if (!invoices.isEmpty()) {
            events.publishEvent(new SandboxWebhookSender.InvoicesChanged(type, invoices));
        }
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
