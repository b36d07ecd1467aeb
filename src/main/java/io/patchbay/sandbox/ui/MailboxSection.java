package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.sandbox.SandboxMail;
import io.patchbay.sandbox.SandboxMailbox;

/**
 * The organisation's Sandbox Mailbox: its address, and the newest messages the hub sent to it (alert emails from an
 * alert channel with this address), each opening to its text.
 */
class MailboxSection extends VerticalLayout {

    private static final int SHOWN = 20;

    private final SandboxMailbox mailbox;
    private final Div messages = new Div();

    MailboxSection(SandboxMailbox mailbox) {
        this.mailbox = mailbox;
        setPadding(false);
        addClassName("sandbox-mailbox");
        messages.addClassName("mailbox-messages");
        add(
                new H2("Sandbox Mailbox"),
                new Paragraph("A mail catcher: while this hub has no mail server of its own, the email it sends lands"
                        + " here. Add the address below as an email channel on the Notices page to see alerts "
                        + "arrive."),
                new Facts().fact("Your address", mailbox.address()).fact("SMTP server", mailbox.smtpServer()),
                new Button("Refresh", e -> refresh()),
                messages);
        refresh();
    }

    private void refresh() {
        messages.removeAll();
        var newest = mailbox.newest(SHOWN);
        if (newest.isEmpty()) {
            var none = new Paragraph("No messages yet.");
            none.addClassName("hint");
            messages.add(none);
        }
        for (SandboxMail mail : newest) {
            var text = new Pre(mail.text());
            text.addClassName("mail-text");
            var details = new Details(
                    Formats.time(mail.receivedAt()) + " · " + mail.subject(),
                    new Paragraph("From " + mail.from() + " to " + mail.to()),
                    text);
            details.addClassName("mail");
            messages.add(details);
        }
    }
}
