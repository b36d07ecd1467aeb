package io.patchbay.observability.internal;

import io.patchbay.base.StandardWebhooks;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.EgressResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends alerts to a webhook URL through the egress guard, signed with Standard Webhooks; the {@code webhook-id} is
 * the delivery's, so a delivery sent again after a crash is recognisable as the same message.
 */
@Component
class WebhookAlerts {

    private final EgressClient egress;
    private final ObjectMapper json;

    WebhookAlerts(EgressClient egress, ObjectMapper json) {
        this.egress = egress;
        this.json = json;
    }

    /** Checks a URL against the egress rules of the tenant in scope, without calling it. */
    void check(String url) {
        try {
            egress.check(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + e.getReason());
        } catch (EgressRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Sends under the tenant in scope, whose network exceptions apply. */
    AlertOutcome send(String url, String secret, AlertMessage alert) {
        var body = json.createObjectNode()
                .put("type", alert.type())
                .put("timestamp", Instant.now().toString());
        body.putObject("data")
                .put("subject", alert.subject())
                .put("text", alert.text())
                .put("link", alert.link())
                .put("correlationId", alert.correlationId());
        String payload = body.toString();
        long timestamp = Instant.now().getEpochSecond();
        try {
            EgressResponse response = egress.send(
                    "POST",
                    new URI(url),
                    Map.of(
                            "webhook-id", alert.id(),
                            "webhook-timestamp", String.valueOf(timestamp),
                            "webhook-signature", StandardWebhooks.sign(secret, alert.id(), timestamp, payload)),
                    payload);
            int status = response.status();
            String answer = "HTTP " + status;
            if (status / 100 == 2) {
                return AlertOutcome.sent(answer);
            }
            if (status == 408 || status == 429 || status / 100 == 5) {
                return AlertOutcome.retry(answer);
            }
            // a redirect is not followed for a POST, and another 4xx would be refused the same way next time
            return AlertOutcome.giveUp(answer + (status / 100 == 3 ? ": the URL redirects elsewhere" : ": refused"));
        } catch (URISyntaxException e) {
            return AlertOutcome.giveUp("Not a URL: " + e.getReason());
        } catch (EgressRefusedException e) {
            return AlertOutcome.giveUp(e.getMessage());
        } catch (IOException e) {
            return AlertOutcome.retry(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
