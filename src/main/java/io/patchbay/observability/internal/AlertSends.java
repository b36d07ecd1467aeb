package io.patchbay.observability.internal;

import io.patchbay.connection.InboundService;
import io.patchbay.observability.AlertChannel;
import io.patchbay.observability.AlertChannels;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends one message to one channel of the tenant in scope: the dispatcher's deliveries and an admin's test. */
@Component
public class AlertSends {

    private static final Logger log = LoggerFactory.getLogger(AlertSends.class);

    private final AlertChannelRepository channels;
    private final EmailAlerts email;
    private final WebhookAlerts webhooks;
    private final SecretVault vault;
    private final String publicUrl;
    private final TransactionTemplate readOnly;

    AlertSends(
            AlertChannelRepository channels,
            EmailAlerts email,
            WebhookAlerts webhooks,
            SecretVault vault,
            InboundService inbound,
            PlatformTransactionManager transactions) {
        this.channels = channels;
        this.email = email;
        this.webhooks = webhooks;
        this.vault = vault;
        this.publicUrl = inbound.publicUrl();
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Where one message goes. */
    record Target(UUID channelId, AlertChannel.Kind kind, String address, byte @Nullable [] secretCipher) {}

    public boolean emailAvailable() {
        return email.available();
    }

    /** @throws IllegalArgumentException when the egress guard would refuse the URL, naming the rule */
    public void checkWebhook(String url) {
        webhooks.check(url);
    }

    /** Sends a test message to one of the tenant's channels now. */
    public AlertChannels.TestResult test(UUID channelId) {
        Target target = readOnly.execute(s -> channels.channels().stream()
                .filter(channel -> channel.id().equals(channelId))
                .findFirst()
                .map(channel ->
                        new Target(channel.id(), channel.kind(), channel.target(), channels.secretCipher(channel.id())))
                .orElseThrow(() -> new IllegalArgumentException("There is no such channel.")));
        AlertOutcome outcome = send(
                java.util.Objects.requireNonNull(target), AlertMessage.test("test_" + UUID.randomUUID(), publicUrl));
        return new AlertChannels.TestResult(outcome.result() == AlertOutcome.Result.SENT, outcome.detail());
    }

    AlertMessage message(String id, io.patchbay.observability.Notice notice) {
        return AlertMessage.of(id, notice, publicUrl);
    }

    /** Sends under the tenant in scope, with no transaction open. */
    AlertOutcome send(Target target, AlertMessage message) {
        try {
            return switch (target.kind()) {
                case EMAIL -> email.send(target.address(), message);
                case WEBHOOK -> webhooks.send(target.address(), secret(target), message);
            };
        } catch (RuntimeException e) {
            log.warn("Sending {} to alert channel {} failed unexpectedly", message.id(), target.channelId(), e);
            return AlertOutcome.retry("Failed unexpectedly: " + e.getClass().getSimpleName());
        }
    }

    private String secret(Target target) {
        byte[] cipher = target.secretCipher();
        if (cipher == null) {
            throw new IllegalStateException("The webhook channel has no signing secret");
        }
        return vault.open(CurrentTenant.require(), secretOwner(target.channelId()), cipher);
    }

    /** The owner a channel's signing secret is sealed for. */
    public static String secretOwner(UUID channel) {
        return "alert_channel:" + channel;
    }
}
