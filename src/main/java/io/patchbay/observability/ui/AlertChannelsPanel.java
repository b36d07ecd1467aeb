package io.patchbay.observability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Formats;
import io.patchbay.observability.AlertChannel;
import io.patchbay.observability.AlertChannels;
import io.patchbay.tenancy.CurrentTenant;
import java.util.Locale;

/**
 * Where the tenant's notices go beyond the hub: each channel with how its deliveries are going, and for those who set
 * connections up, adding one (a webhook's signing secret shown once), a test message, pausing and removing.
 */
final class AlertChannelsPanel extends VerticalLayout {

    private final AlertChannels channels;
    private final boolean changes = CurrentTenant.setsUpConnections();
    private final Div list = new Div();

    AlertChannelsPanel(AlertChannels channels) {
        this.channels = channels;
        addClassName("alert-channels");
        setPadding(false);
        list.addClassName("alert-channel-list");
        add(
                new H2("Where notices go"),
                new Paragraph("Each notice also goes to these channels as it is written: an email address, or a "
                        + "webhook URL for a chat room, a paging tool or your own endpoint. One alert per episode, "
                        + "however many runs fail in it; failed sends are retried for about eight hours."),
                list);
        if (changes) {
            add(addForm());
        }
        refresh();
    }

    private void refresh() {
        list.removeAll();
        var all = channels.list();
        if (all.isEmpty()) {
            var none = new Paragraph("No channels yet: notices show on this page only.");
            none.addClassName("hint");
            list.add(none);
        }
        all.forEach(channel -> list.add(card(channel)));
    }

    private Div card(AlertChannel channel) {
        var kind = new Span(channel.kind().label());
        kind.addClassName("channel-kind");
        var target = new Span(changes ? channel.shown() : PersonalData.mask(channel.shown()));
        target.addClassName("channel-target");
        var status = new Span(status(channel));
        status.addClassName("channel-status");
        status.getElement().setAttribute("data-state", state(channel));
        var card = new Div(new Div(kind, target), status);
        card.addClassName("alert-channel");
        if (changes) {
            var test = new Button("Send test", e -> test(channel));
            test.setAriaLabel("Send a test to " + channel.shown());
            var toggle = new Button(channel.enabled() ? "Pause" : "Resume", e -> {
                channels.setEnabled(channel.id(), !channel.enabled());
                refresh();
            });
            toggle.setAriaLabel((channel.enabled() ? "Pause " : "Resume ") + channel.shown());
            var remove = new Button("Remove", e -> confirmRemove(channel));
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            remove.setAriaLabel("Remove " + channel.shown());
            var actions = new FlexLayout(test, toggle, remove);
            actions.addClassName("channel-actions");
            card.add(actions);
        }
        return card;
    }

    private static String state(AlertChannel channel) {
        if (!channel.enabled()) {
            return "paused";
        }
        return channel.failing() != null ? "failing" : "ok";
    }

    private static String status(AlertChannel channel) {
        StringBuilder text = new StringBuilder();
        if (!channel.enabled()) {
            text.append("Paused");
        } else if (channel.failing() != null) {
            text.append("Not getting through: ").append(channel.failing());
        } else if (channel.lastSentAt() != null) {
            text.append("Last sent ").append(Formats.time(channel.lastSentAt()));
        } else {
            text.append("Nothing sent yet");
        }
        if (channel.waiting() > 0) {
            text.append(" · ").append(Plurals.count(channel.waiting(), "waits", "wait"));
        }
        return text.toString();
    }

    private void test(AlertChannel channel) {
        AlertChannels.TestResult result = channels.sendTest(channel.id());
        var shown = Notification.show(
                result.sent()
                        ? "Test sent to " + channel.shown() + " (" + result.detail() + ")."
                        : "The test did not get through: " + result.detail(),
                6000,
                Notification.Position.BOTTOM_START);
        shown.addThemeVariants(result.sent() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }

    private void confirmRemove(AlertChannel channel) {
        var confirm = new ConfirmDialog(
                "Remove this channel?",
                channel.shown() + " gets no further notices, and what still waited to be sent to it is dropped.",
                "Remove",
                e -> {
                    channels.remove(channel.id());
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private FlexLayout addForm() {
        var kind = new Select<AlertChannel.Kind>();
        kind.setLabel("Channel");
        kind.setItems(AlertChannel.Kind.values());
        kind.setItemLabelGenerator(AlertChannel.Kind::label);
        kind.setValue(AlertChannel.Kind.EMAIL);
        var target = new TextField("Email address");
        target.setPlaceholder("ops@example.com");
        target.setClearButtonVisible(true);
        target.addClassName("channel-target-field");
        kind.addValueChangeListener(e -> {
            boolean email = e.getValue() == AlertChannel.Kind.EMAIL;
            target.setLabel(email ? "Email address" : "Webhook URL");
            target.setPlaceholder(email ? "ops@example.com" : "https://hooks.example.com/patchbay");
            target.setInvalid(false);
        });
        if (!channels.emailAvailable()) {
            kind.setValue(AlertChannel.Kind.WEBHOOK);
            kind.setHelperText("This hub has no mail server configured: webhooks only.");
            kind.setItemEnabledProvider(k -> k == AlertChannel.Kind.WEBHOOK);
        }
        var add = new Button("Add channel", e -> {
            try {
                if (kind.getValue() == AlertChannel.Kind.EMAIL) {
                    channels.addEmail(target.getValue());
                    Notification.show("Added: notices now go to "
                                    + target.getValue().strip() + " too.")
                            .setPosition(Notification.Position.BOTTOM_START);
                } else {
                    showSecret(channels.addWebhook(target.getValue()));
                }
                target.clear();
                target.setInvalid(false);
                refresh();
            } catch (IllegalArgumentException refused) {
                target.setErrorMessage(refused.getMessage());
                target.setInvalid(true);
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new FlexLayout(kind, target, add);
        form.addClassName("add-channel");
        return form;
    }

    private void showSecret(AlertChannels.AddedWebhook added) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Webhook channel added");
        dialog.setWidth("min(40rem, 95vw)");
        var secret = new TextField("Signing secret");
        secret.setValue(added.signingSecret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.addClassName("signing-secret");
        dialog.add(
                new Paragraph("Each notice is posted to " + added.channel().shown() + " as JSON, signed the Standard "
                        + "Webhooks way (webhook-id, webhook-timestamp and webhook-signature headers). Give the "
                        + "receiving end this secret to check the signature."),
                secret,
                new Paragraph("It is shown this once; Patchbay keeps it encrypted. Lost it? Remove the channel and add"
                        + " it again."));
        var done = new Button("I have copied it", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }

    /** One line per channel a notice went to, for its card. */
    static Paragraph deliveries(java.util.List<io.patchbay.observability.NoticeDelivery> deliveries, boolean admin) {
        var line = new Paragraph();
        line.addClassName("notice-deliveries");
        for (var delivery : deliveries) {
            String target = AlertChannel.shown(delivery.kind(), delivery.target());
            var part = new Span(delivery.kind().label() + " to " + (admin ? target : PersonalData.mask(target)) + ": "
                    + switch (delivery.state()) {
                        case SENT -> "sent " + Formats.time(java.util.Objects.requireNonNull(delivery.sentAt()));
                        case FAILED -> "failed, " + delivery.lastOutcome();
                        case PENDING ->
                            delivery.lastOutcome() == null
                                    ? "sending"
                                    : "retrying (" + delivery.lastOutcome() + "), next try "
                                            + Formats.time(delivery.nextAttemptAt());
                    });
            part.addClassName("notice-delivery");
            part.getElement().setAttribute("data-state", delivery.state().name().toLowerCase(Locale.ROOT));
            line.add(part);
        }
        return line;
    }
}
