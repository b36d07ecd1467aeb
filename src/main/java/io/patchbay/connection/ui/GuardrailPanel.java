package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.patchbay.base.Dates;
import io.patchbay.connection.Connection;
import io.patchbay.connection.GuardrailException;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.GuardrailViolation;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.InvalidSetupException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The template's guardrails a connection breaks, each with how to meet it and where its exception stands: approved
 * until a date, asked for and waiting, expired, or (for those who set connections up) a button to ask for one with a
 * justification. Hidden when nothing is broken.
 */
class GuardrailPanel extends Div {

    private final Guardrails guardrails;
    private final GuardrailExceptions exceptions;
    private final boolean mayAsk;
    private Connection connection;

    public GuardrailPanel(
            Guardrails guardrails, GuardrailExceptions exceptions, Connection connection, boolean mayAsk) {
        this.guardrails = guardrails;
        this.exceptions = exceptions;
        this.connection = connection;
        this.mayAsk = mayAsk;
        addClassName("guardrail-panel");
        refresh();
    }

    /** Shows the connection as it is now. */
    public void show(Connection current) {
        this.connection = current;
        refresh();
    }

    private void refresh() {
        removeAll();
        List<GuardrailViolation> violations = guardrails.violations(connection);
        setVisible(!violations.isEmpty());
        if (violations.isEmpty()) {
            return;
        }
        List<GuardrailException> open = exceptions.open(connection.id());
        Instant now = Instant.now();
        add(new H3("Guardrails"));
        for (GuardrailViolation violation : violations) {
            var row = new Div();
            row.addClassName("guardrail");
            row.getElement().setAttribute("data-rule", violation.rule());
            row.add(new Paragraph(violation.message()), new Paragraph("How to meet it: " + violation.fix()));
            Optional<GuardrailException> exception =
                    open.stream().filter(e -> e.rule().equals(violation.rule())).findFirst();
            if (exception.isPresent() && exception.get().waives(now)) {
                row.add(status(
                        "Exception approved until " + Dates.day(exception.get().expiresAt()) + " by "
                                + exception.get().decidedBy() + ": the rule is waived for this connection."));
                row.addClassName("waived");
            } else if (exception.isPresent() && exception.get().status() == GuardrailException.Status.REQUESTED) {
                row.add(status("Exception asked for by " + exception.get().requestedBy() + "; waiting for a "
                        + "solutions engineer."));
            } else {
                exception
                        .filter(e -> e.expired(now))
                        .ifPresent(e -> row.add(status("The exception expired on " + Dates.day(e.expiresAt()) + ".")));
                if (mayAsk) {
                    var ask = new Button("Ask for an exception", e -> ask(violation));
                    ask.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    ask.setAriaLabel("Ask for an exception to " + violation.rule());
                    row.add(ask);
                }
            }
            add(row);
        }
    }

    private void ask(GuardrailViolation violation) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Ask for an exception");
        var justification = new TextArea("Justification");
        justification.setHelperText("The business need, for the solutions engineer who decides and for the audit "
                + "trail; at least " + GuardrailExceptions.MIN_JUSTIFICATION + " characters.");
        justification.setWidthFull();
        dialog.add(new Paragraph(violation.message()), justification);
        dialog.setWidth("min(32rem, 95vw)");
        var send = new Button("Ask for the exception", e -> {
            try {
                exceptions.request(connection.id(), violation.rule(), justification.getValue());
                dialog.close();
                refresh();
            } catch (InvalidSetupException problem) {
                justification.setErrorMessage(problem.getMessage());
                justification.setInvalid(true);
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), send);
        dialog.open();
    }

    private static Span status(String text) {
        var status = new Span(text);
        status.addClassName("guardrail-status");
        return status;
    }
}
