package io.patchbay.connection.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentOutcome;
import io.patchbay.connection.ConsentService;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where providers send the admin back after they answered a consent: the answer is completed at once, and the admin
 * goes on to the connection's setup (or, for a reconnect, its page), which shows how it ended. An answer that matches
 * no consent this browser started belongs to no connection, so it is shown here.
 */
@Route(ConsentService.CALLBACK_PATH)
@PageTitle("Connecting · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class ConsentCallbackView extends VerticalLayout implements BeforeEnterObserver {

    private final ConsentService consents;
    private final ConnectionService connections;

    ConsentCallbackView(ConsentService consents, ConnectionService connections) {
        this.consents = consents;
        this.connections = connections;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> answer = new LinkedHashMap<>();
        event.getLocation()
                .getQueryParameters()
                .getParameters()
                .forEach((name, values) -> answer.put(name, values.isEmpty() ? "" : values.get(0)));
        ConsentOutcome outcome = consents.complete(ConsentPanel.session(), answer);
        var connection = outcome.connection() == null
                ? null
                : connections.find(outcome.connection()).orElse(null);
        if (connection != null) {
            // without the answer's query: the code is spent, and has no place in the address bar or history
            event.forwardTo(
                    "connections/" + connection.id() + (connection.isDraft() ? "/setup" : ""), QueryParameters.empty());
            return;
        }
        ConnectorError error = outcome.failed().orElseThrow();
        var label = new Span(error.errorClass().label());
        label.addClassName("error-class");
        var box = new Div(label, new Paragraph(error.message()), new Paragraph("How to fix it: " + error.fix()));
        box.addClassName("test-result");
        box.getElement().setAttribute("data-outcome", "failure");
        box.setMaxWidth("40rem");
        add(new Html("<a href='' class='back-link'>← Integrations</a>"), new H1("Could not connect"), box);
    }
}
