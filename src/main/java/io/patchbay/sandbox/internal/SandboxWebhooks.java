package io.patchbay.sandbox.internal;

import io.patchbay.base.StandardWebhooks;
import io.patchbay.sandbox.SandboxInvoice;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.tenancy.CurrentTenant;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The billing system's webhook settings for the account in scope: endpoints with secrets it generates, and the
 * changes it announces. Endpoints are checked against the egress guard when they are added, so a refused address is
 * explained at once instead of failing every delivery later.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxWebhooks {

    private final SandboxWebhookRepository endpoints;
    private final EgressClient egress;
    private final ApplicationEventPublisher events;

    SandboxWebhooks(SandboxWebhookRepository endpoints, EgressClient egress, ApplicationEventPublisher events) {
        this.endpoints = endpoints;
        this.egress = egress;
        this.events = events;
    }

    /**
     * Registers an endpoint (or returns the one at that URL) with a new Standard Webhooks secret.
     *
     * @param address a URL {@link #checked} passed, outside the transaction this runs in
     */
    public SandboxWebhookEndpoint add(String address) {
        return endpoints.byUrl(address).orElseGet(() -> endpoints.add(address, StandardWebhooks.newSecret()));
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

    public Optional<String> secret(long id) {
        return endpoints.secret(id);
    }

    /** Announces changed invoices of the account in scope; they are sent to its endpoints once the change commits. */
    public void invoicesChanged(String type, List<SandboxInvoice> invoices) {
        if (!invoices.isEmpty()) {
            events.publishEvent(new SandboxWebhookSender.InvoicesChanged(CurrentTenant.require(), type, invoices));
        }
    }

    /**
     * The URL as an endpoint is kept, once the egress guard lets the tenant in scope reach it (its host looked up:
     * call it before a transaction opens).
     *
     * @throws IllegalArgumentException saying why the URL is refused, naming the egress rule it breaks
     */
    public String checked(String url) {
        String address = url == null ? "" : url.trim();
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Enter an http:// or https:// URL: " + e.getReason() + ".");
        }
        try {
            // the rules the sender is held to, for the tenant in scope (its network exceptions included)
            egress.check(uri);
        } catch (EgressRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return address;
    }
}
