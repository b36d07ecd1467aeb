package io.patchbay.observability.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends alerts by email through the hub's mail server ({@code spring.mail.*}). Each message carries a Message-ID made
 * from its delivery, so a delivery sent again after a crash is the same message to the recipient's mail system.
 */
@Component
class EmailAlerts {

    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties properties;

    EmailAlerts(ObjectProvider<JavaMailSender> mail, AlertProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** Whether this hub has a mail server to send through. */
    boolean available() {
        return mail.getIfAvailable() != null;
    }

    AlertOutcome send(String address, AlertMessage alert) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return AlertOutcome.retry("This hub has no mail server configured");
        }
        try {
            MimeMessage message = withMessageId(sender.createMimeMessage(), alert.id());
            var helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(address);
            helper.setSubject("[Patchbay] " + alert.subject());
            helper.setText(alert.text() + "\n\nOpen it in Patchbay: " + alert.link()
                    + (alert.correlationId() == null ? "" : "\nReference for support: " + alert.correlationId())
                    + "\n\n-- \nYou get this because "
                    + "this address was added to your organisation's alert channels in Patchbay (Notices).");
            sender.send(message);
            return AlertOutcome.sent("Accepted by the mail server");
        } catch (MailAuthenticationException e) {
            return AlertOutcome.retry("The mail server refused the hub's sign-in");
        } catch (MailParseException | MailPreparationException e) {
            return AlertOutcome.giveUp("Not a message the mail server takes: " + rootMessage(e));
        } catch (MailSendException e) {
            Optional<SendFailedException> refused = e.getMessageExceptions().length == 0
                    ? Optional.empty()
                    : Optional.of(e.getMessageExceptions()[0])
                            .filter(SendFailedException.class::isInstance)
                            .map(SendFailedException.class::cast)
                            .filter(failed ->
                                    failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0);
            return refused.isPresent()
                    ? AlertOutcome.giveUp("The mail server refused the address: " + rootMessage(refused.get()))
                    : AlertOutcome.retry("The mail server could not be reached: " + rootMessage(e));
        } catch (MailException | MessagingException e) {
            return AlertOutcome.retry("Sending failed: " + rootMessage(e));
        }
    }

    /** A copy of the sender's message whose Message-ID is ours, kept when the message is saved for sending. */
    private static MimeMessage withMessageId(MimeMessage template, String id) throws MessagingException {
        return new MimeMessage(template.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + id + "@patchbay>");
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        @Nullable String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.strip();
    }
}
