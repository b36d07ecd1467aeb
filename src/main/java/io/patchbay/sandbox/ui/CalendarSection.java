package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.sandbox.SandboxCalendar;

/**
 * The organisation's Sandbox Calendar account: the OAuth2 client it registered there, its events and the consents
 * given in it, and the knobs that end access tokens or revoke consents, in this account only.
 */
class CalendarSection extends VerticalLayout {

    private final SandboxCalendar calendar;
    private final Span eventCount = new Span();
    private final Span consentCount = new Span();

    CalendarSection(SandboxCalendar calendar, boolean changes) {
        this.calendar = calendar;
        setPadding(false);
        var facts = new Facts()
                .fact("API base URL", calendar.baseUrl())
                .fact("Sign-in page", calendar.authorizeUrl())
                .fact("Token URL", calendar.tokenUrl());
        if (changes) {
            facts.fact("Client ID", Forms.credential(calendar.clientId()))
                    .fact("Client secret", Forms.credential(calendar.clientSecret()));
        }
        facts.fact("Redirect URI", calendar.redirectUri())
                .fact("Signed in as", SandboxCalendar.USER_NAME + " · " + SandboxCalendar.USER_EMAIL)
                .fact(
                        "Access tokens live",
                        Formats.duration(calendar.tokenLifetime()) + "; each refresh token works once")
                .fact("Events", eventCount)
                .fact("Consents in force", consentCount);
        add(
                new H2("Sandbox Calendar"),
                new Paragraph("Asks the person who connects it to sign in and allow access (OAuth2 authorization "
                        + "code with PKCE), then gives short-lived access tokens and rotates the refresh token on "
                        + "every refresh. Its events page by a next URL."),
                facts);
        if (changes) {
            add(knobs());
        }
        refresh();
    }

    private com.vaadin.flow.component.orderedlayout.FlexLayout knobs() {
        var move = new Button("Move 3 events", e -> {
            calendar.moveEvents(3);
            refresh();
        });
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var expire = new Button("Expire access tokens now", e -> {
            calendar.expireAccessTokens();
            Notification.show(
                    "Access tokens ended; clients must refresh them.", 3000, Notification.Position.BOTTOM_START);
        });
        var revoke = new Button("Revoke Patchbay's access", e -> {
            calendar.revokeConsents();
            Notification.show(
                    "Every consent in your account revoked; its connections must reconnect.",
                    3000,
                    Notification.Position.BOTTOM_START);
            refresh();
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return Forms.row(move, expire, revoke);
    }

    private void refresh() {
        eventCount.setText(String.valueOf(calendar.eventCount()));
        consentCount.setText(String.valueOf(calendar.activeConsents()));
    }
}
