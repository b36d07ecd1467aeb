package io.patchbay.observability;

import io.patchbay.audit.AuditService;
import io.patchbay.base.InvalidInputException;
import io.patchbay.observability.internal.AlertChannelRepository;
import io.patchbay.observability.internal.AlertOutbox;
import io.patchbay.observability.internal.AlertSends;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a tenant's notices go beyond the hub: email addresses and webhook URLs. Each notice is queued for every
 * enabled channel in the transaction that writes it, and sent by the dispatcher with retries. Admins add, pause,
 * test and remove channels (audited); everyone in the tenant sees them and how their deliveries went.
 */
@Service
public class AlertChannels {

    /** The most channels a tenant keeps: enough for a team inbox, an on-call tool and a chat room or two. */
    public static final int MOST = 10;

    static final String CHANGE = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    private static final String OBJECT = "alert_channel";

    private final AlertChannelRepository channels;
    private final AlertOutbox outbox;
    private final AlertSends sends;
    private final SecretVault vault;
    private final AuditService audit;
    private final TransactionTemplate tx;

    AlertChannels(
            AlertChannelRepository channels,
            AlertOutbox outbox,
            AlertSends sends,
            SecretVault vault,
            AuditService audit,
            PlatformTransactionManager transactions) {
        this.channels = channels;
        this.outbox = outbox;
        this.sends = sends;
        this.vault = vault;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A webhook channel just added, with the secret its deliveries are signed with: shown this once. */
    public record AddedWebhook(AlertChannel channel, String signingSecret) {}

    /** How a test message went. */
    public record TestResult(boolean sent, String detail) {}

    @Transactional(readOnly = true)
    public List<AlertChannel> list() {
        return channels.channels();
    }

    /** Whether this hub can send email (a mail server is configured). */
    public boolean emailAvailable() {
        return sends.emailAvailable();
    }

    /** @throws IllegalArgumentException naming what is wrong with the address */
    @PreAuthorize(CHANGE)
    @Transactional
    public AlertChannel addEmail(@Nullable String address) {
        String target = address == null ? "" : address.strip();
        try {
            var parsed = new InternetAddress(target, true);
            parsed.validate();
            if (!target.equals(parsed.getAddress())
                    || !target.substring(target.indexOf('@') + 1).contains(".")) {
                throw new AddressException("not a plain address");
            }
        } catch (AddressException e) {
            throw new InvalidInputException("Enter one email address, such as ops@example.com.");
        }
        if (!sends.emailAvailable()) {
            throw new InvalidInputException("This hub has no mail server configured, so it cannot send email.");
        }
        return add(AlertChannel.Kind.EMAIL, target, null);
    }

    /**
     * @throws IllegalArgumentException when the URL is not one the egress guard lets the tenant reach, naming the
     *     rule
     */
    @PreAuthorize(CHANGE)
    public AddedWebhook addWebhook(@Nullable String url) {
        String target = url == null ? "" : url.strip();
        if (target.isEmpty()) {
            throw new InvalidInputException("Enter the URL to post alerts to.");
        }
        // the guard looks the host up: before the transaction, which holds a database connection
        sends.checkWebhook(target);
        String secret = io.patchbay.base.StandardWebhooks.newSecret();
        UUID id = UUID.randomUUID();
        byte[] sealed = vault.seal(CurrentTenant.require(), AlertSends.secretOwner(id), secret);
        AlertChannel channel = tx.execute(status -> add(AlertChannel.Kind.WEBHOOK, target, id, sealed));
        return new AddedWebhook(channel, secret);
    }

    private AlertChannel add(AlertChannel.Kind kind, String target, byte @Nullable [] secret) {
        return add(kind, target, UUID.randomUUID(), secret);
    }

    private AlertChannel add(AlertChannel.Kind kind, String target, UUID id, byte @Nullable [] secret) {
        channels.lockChannels();
        if (channels.hasChannel(kind, target)) {
            throw new InvalidInputException(
                    "This " + kind.label().toLowerCase(java.util.Locale.ROOT) + " channel is already there.");
        }
        if (channels.countChannels() >= MOST) {
            throw new InvalidInputException(
                    "Your organisation has " + MOST + " channels, the most it may have: remove one first.");
        }
        try {
            channels.insertChannel(id, kind, target, secret);
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("This channel was just added by someone else.");
        }
        audit.record(
                "alert_channel.added",
                OBJECT,
                id.toString(),
                Map.of("kind", kind.label(), "target", AlertChannel.shown(kind, target)));
        return channels.channel(id).orElseThrow();
    }

    /** Pauses or resumes sending to a channel; what waits for it is sent once it is enabled again. */
    @PreAuthorize(CHANGE)
    @Transactional
    public void setEnabled(UUID id, boolean enabled) {
        AlertChannel channel = require(id);
        if (channels.setEnabled(id, enabled)) {
            audit.record(
                    enabled ? "alert_channel.enabled" : "alert_channel.paused",
                    OBJECT,
                    id.toString(),
                    Map.of("kind", channel.kind().label(), "target", channel.shown()));
        }
    }

    /** Removes a channel and what still waited to be sent to it. */
    @PreAuthorize(CHANGE)
    @Transactional
    public void remove(UUID id) {
        AlertChannel channel = require(id);
        if (channels.deleteChannel(id)) {
            audit.record(
                    "alert_channel.removed",
                    OBJECT,
                    id.toString(),
                    Map.of("kind", channel.kind().label(), "target", channel.shown()));
        }
    }

    /** Sends a test message to the channel now, outside any transaction, and says how it went. */
    @PreAuthorize(CHANGE)
    public TestResult sendTest(UUID id) {
        return sends.test(id);
    }

    /** How each of these notices is getting on at the tenant's channels, by notice. */
    @Transactional(readOnly = true)
    public Map<Long, List<NoticeDelivery>> deliveriesOf(List<Long> noticeIds) {
        return outbox.deliveriesOf(noticeIds).stream().collect(Collectors.groupingBy(NoticeDelivery::noticeId));
    }

    private AlertChannel require(UUID id) {
        return channels.channel(id).orElseThrow(() -> new InvalidInputException("There is no such channel."));
    }
}
