package io.patchbay.observability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import io.patchbay.base.PersonalData;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.Notices;

/**
 * Support tells the customer's admins what to do about a connection: the health's reason and fix, prefilled and
 * editable, sent as a notice in their hub and recorded on the connection.
 */
final class SendFixDialog extends Dialog {

    SendFixDialog(Notices notices, ConnectionHealth health) {
        setHeaderTitle("Send the fix to the admins");
        setWidth("min(40rem, 95vw)");
        var message = new TextArea("What they should do");
        message.setWidthFull();
        message.setMinHeight("10rem");
        message.setValue(health.name() + " is " + health.health().status().label() + ": "
                + PersonalData.mask(health.health().reason())
                + (health.health().fix() == null
                        ? ""
                        : "\n\nWhat to do: " + health.health().fix()));
        message.setHelperText("The tenant's admins see it on their Notices page and get it on their alert channels"
                + " (email, webhook); the connection's activity records that you sent it.");
        var send = new Button("Send", e -> {
            try {
                notices.sendFix(health.connectionId(), message.getValue());
                Notification.show(
                        "Sent: it shows on the admins' Notices page and goes to their alert channels.",
                        4000,
                        Notification.Position.BOTTOM_START);
                close();
            } catch (IllegalArgumentException refused) {
                message.setErrorMessage(refused.getMessage());
                message.setInvalid(true);
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new Paragraph("Support cannot change credentials or settings; the admins can."), message);
        getFooter().add(new Button("Cancel", e -> close()), send);
    }
}
