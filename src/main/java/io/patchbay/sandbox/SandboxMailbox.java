package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxAccounts;
import io.patchbay.sandbox.internal.SandboxMailServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The Sandbox Mailbox as its customer sees it: an address of the organisation's own at a made-up mail domain, and
 * the messages sent to it, newest first. The hub sends its mail here while no mail server is configured, so an alert
 * channel with this address can be tried end to end; no organisation sees another's messages.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxMailbox {

    /** A reserved domain (RFC 2606): nothing sent to it can reach a real inbox. */
    public static final String DOMAIN = "mailbox.sandbox.example";

    private final SandboxMailServer server;
    private final SandboxAccounts accounts;

    SandboxMailbox(SandboxMailServer server, SandboxAccounts accounts) {
        this.server = server;
        this.accounts = accounts;
    }

    /** The organisation's address at the sandbox mailbox. */
    @PreAuthorize(SandboxRoles.READ)
    public String address() {
        String tenant = accounts.current().tenant().value().toString();
        return "alerts-" + tenant.substring(0, 8).toLowerCase(Locale.ROOT) + "@" + DOMAIN;
    }

    /** Where the hub's mail goes while no other mail server is configured. */
    public String smtpServer() {
        return server.host() + ":" + server.port();
    }

    /** The newest messages to the organisation's address. */
    @PreAuthorize(SandboxRoles.READ)
    public List<SandboxMail> newest(int limit) {
        String address = address();
        List<SandboxMail> mine = new ArrayList<>();
        for (MimeMessage message : server.received()) {
            try {
                if (addressedTo(message, address)) {
                    mine.add(read(message));
                }
            } catch (MessagingException | IOException e) {
                // a message the mailbox cannot read is not one of ours
            }
        }
        return mine.reversed().stream().limit(limit).toList();
    }

    private static boolean addressedTo(MimeMessage message, String address) throws MessagingException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
    }

    private static SandboxMail read(MimeMessage message) throws MessagingException, IOException {
        Instant received = message.getReceivedDate() != null
                ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
        Object content = message.getContent();
        return new SandboxMail(
                String.valueOf(message.getMessageID()),
                Arrays.stream(message.getFrom()).map(Address::toString).collect(Collectors.joining(", ")),
                Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Address::toString)
                        .collect(Collectors.joining(", ")),
                String.valueOf(message.getSubject()),
                content instanceof String text ? text.strip() : "(not plain text)",
                received);
    }
}
