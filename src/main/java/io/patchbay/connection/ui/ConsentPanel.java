package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.VaadinSession;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionConsent;
import io.patchbay.connection.ConsentOutcome;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.ConsentSession;
import io.patchbay.connection.InvalidSetupException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * For connections whose connector signs in with a person's consent: who connected and since when, how the consent
 * that just came back ended, and Connect / Reconnect, which sends the admin to the provider to allow access. The
 * setup and the connection's page both show it.
 */
class ConsentPanel extends Div {

    private final ConsentService consents;
    private final Connection connection;
    private final String system;
    private final BooleanSupplier beforeLeaving;
    private final Div answer = new Div();
    private final Span status = new Span();
    private final Button connect = new Button();

    /**
     * @param mayConnect whether the signed-in user may start a consent (support agents only see who connected)
     * @param beforeLeaving runs before the browser leaves for the provider, e.g. to save the setup form; false stays
     */
    public ConsentPanel(
            ConsentService consents,
            Connection connection,
            ConnectorSpec spec,
            boolean mayConnect,
            BooleanSupplier beforeLeaving) {
        this.consents = consents;
        this.connection = connection;
        this.system = spec.displayName();
        this.beforeLeaving = beforeLeaving;
        addClassName("consent-panel");
        setWidthFull();
        answer.addClassName("test-result");
        answer.setVisible(false);
        status.addClassName("consent-status");
        connect.addClickListener(e -> leaveForProvider());
        connect.setVisible(mayConnect);
        var row = new HorizontalLayout(status, connect);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWidthFull();
        add(answer, row);
        refused(null);
        session().takeAnswer(connection.id()).ifPresent(this::show);
    }

    /**
     * Shows who granted access and since when, unless {@code refusedAt} (when the newest sync was refused for
     * authentication) is later than that: then the access is not shown as working, and Reconnect is what to do.
     */
    public void refused(@Nullable Instant refusedAt) {
        Optional<ConnectionConsent> consent = consents.consent(connection.id());
        boolean refused = consent.isPresent()
                && refusedAt != null
                && refusedAt.isAfter(consent.get().consentedAt());
        if (consent.isEmpty()) {
            status.setText("Not connected to " + system + " yet: sign in there and allow Patchbay to read your data.");
        } else if (refused) {
            status.setText(system + " refused the access " + grantedAs(consent.get()) + " at " + Formats.time(refusedAt)
                    + ": reconnect to grant it again.");
        } else {
            status.setText(connectedAs(consent.get()));
        }
        status.getElement().setAttribute("data-refused", String.valueOf(refused));
        connect.setText(consent.isPresent() ? "Reconnect" : "Connect to " + system);
        if (consent.isEmpty() || refused) {
            connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        } else {
            connect.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
    }

    /** The person's consents in this browser session, kept with the session. */
    static ConsentSession session() {
        VaadinSession vaadin = VaadinSession.getCurrent();
        ConsentSession session = vaadin.getAttribute(ConsentSession.class);
        if (session == null) {
            session = new ConsentSession();
            vaadin.setAttribute(ConsentSession.class, session);
        }
        return session;
    }

    private void show(ConsentOutcome outcome) {
        answer.removeAll();
        answer.setVisible(true);
        answer.getElement().setAttribute("data-outcome", outcome.failed().isPresent() ? "failure" : "success");
        if (outcome.failed().isPresent()) {
            ConnectorError error = outcome.failed().get();
            var label = new Span(error.errorClass().label());
            label.addClassName("error-class");
            answer.add(label, new Paragraph(error.message()), new Paragraph("How to fix it: " + error.fix()));
        } else {
            answer.add(new Span("✓ " + system + " allowed Patchbay in. "
                    + (connection.isDraft()
                            ? "Test the connection, then go on."
                            : "A sync checks the new access now.")));
        }
    }

    private void leaveForProvider() {
        if (!beforeLeaving.getAsBoolean()) {
            return;
        }
        try {
            String url = consents.start(connection.id(), session()).toString();
            getUI().ifPresent(ui -> ui.getPage().setLocation(url));
        } catch (InvalidSetupException e) {
            show(new ConsentOutcome(
                    connection.id(),
                    new ConnectorError(
                            ErrorClass.CONFIG, e.getMessage(), "Correct the connection details, then connect again.")));
        }
    }

    private static String grantedAs(ConnectionConsent consent) {
        return "granted by " + consent.consentedBy()
                + (consent.account() == null ? "" : " as " + PersonalData.mask(consent.account()));
    }

    private static String connectedAs(ConnectionConsent consent) {
        // the account at the provider is a person: its email address is masked as everywhere else
        return (consent.account() == null ? "Connected" : "Connected as " + PersonalData.mask(consent.account()))
                + " · since "
                + Formats.time(consent.consentedAt()) + ", by " + consent.consentedBy();
    }
}
