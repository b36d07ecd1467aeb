package io.patchbay.sandbox.internal;

import io.patchbay.catalog.SetupAssist;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxCrm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's setups, helped as the sandbox systems' own settings pages would: a draft pointing at a sandbox system
 * gets the tenant's credentials there, and one receiving Sandbox Billing's webhooks can have its URL registered,
 * which answers with the secret the deliveries will be signed with.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxSetupAssist implements SetupAssist {

    private final SandboxCrm crm;
    private final SandboxBilling billing;
    private final SandboxCalendar calendar;

    SandboxSetupAssist(SandboxCrm crm, SandboxBilling billing, SandboxCalendar calendar) {
        this.crm = crm;
        this.billing = billing;
        this.calendar = calendar;
    }

    @Override
    public Map<String, String> prefill(Draft draft) {
        Map<String, String> values = new LinkedHashMap<>();
        if (draft.setting("apiUrl").equals(crm.apiUrl())
                || draft.setting("baseUrl").equals(crm.baseUrl())) {
            values.put("apiKey", crm.apiKey());
        }
        if (draft.setting("baseUrl").equals(billing.baseUrl())) {
            values.put("clientId", billing.clientId());
            values.put("clientSecret", billing.clientSecret());
        }
        if (draft.setting("baseUrl").equals(calendar.baseUrl())) {
            values.put("clientId", calendar.clientId());
            values.put("clientSecret", calendar.clientSecret());
        }
        // a URL registered before (on another visit to this setup): its secret again
        draft.webhookUrl()
                .flatMap(billing::webhookEndpoint)
                .flatMap(endpoint -> billing.webhookSecret(endpoint.id()))
                .ifPresent(secret -> values.put("signingSecret", secret));
        return values;
    }

    @Override
    public List<Action> actions(Draft draft) {
        if (!draft.templateId().startsWith("sandbox-billing")
                || draft.webhookUrl().isEmpty()) {
            return List.of();
        }
        String url = draft.webhookUrl().orElseThrow();
        return List.of(new Action("Register this URL with Sandbox Billing", () -> register(url)));
    }

    private Outcome register(String url) {
        try {
            var endpoint = billing.addWebhookEndpoint(url);
            return Outcome.done(
                    "Registered: its signing secret is filled in below",
                    billing.webhookSecret(endpoint.id())
                            .map(secret -> Map.of("signingSecret", secret))
                            .orElse(Map.of()));
        } catch (IllegalArgumentException refused) {
            // the billing system sends through the egress guard, which may refuse this hub's address
            return Outcome.refused("Sandbox Billing cannot send to this URL: " + refused.getMessage());
        }
    }
}
