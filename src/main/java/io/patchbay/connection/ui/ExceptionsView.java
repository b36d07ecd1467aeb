package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.Dates;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.connection.GuardrailException;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every exception of the tenant, of every kind: guardrail exceptions (a connection allowed to break one of its
 * template's rules) and network exceptions (a host the egress guard lets through), each with its status and expiry.
 * Solutions engineers approve or deny guardrail exceptions here; network exceptions are decided on their own page.
 */
@Route("exceptions")
@PageTitle("Exceptions · Patchbay")
@PermitAll
class ExceptionsView extends VerticalLayout {

    private final GuardrailExceptions guardrails;
    private final EgressExceptionService network;
    private final Grid<Row> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No exceptions yet. A connection that breaks one of its template's "
            + "guardrails shows the rule on its page, with Ask for an exception.");

    ExceptionsView(GuardrailExceptions guardrails, EgressExceptionService network, LiveUpdates live) {
        this.guardrails = guardrails;
        this.network = network;
        // a request asked for, or decided by a colleague, shows at once, on any node
        java.util.UUID tenant = io.patchbay.tenancy.CurrentTenant.require().value();
        live.whileAttached(this, activity -> activity.tenant().equals(tenant), this::refresh);
        addClassName("exceptions-view");
        grid.addColumn(Row::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(Row::subject).setHeader("For").setAutoWidth(true);
        grid.addColumn(Row::what).setHeader("Rule or host").setAutoWidth(true);
        grid.addColumn(Row::justification).setHeader("Justification").setFlexGrow(3);
        grid.addColumn(Row::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(row -> row.expires() == null ? "–" : Formats.time(row.expires()))
                .setHeader("Expires")
                .setAutoWidth(true);
        grid.addColumn(Row::requestedBy).setHeader("Asked by").setAutoWidth(true);
        boolean engineer = CurrentTenant.member()
                .filter(m -> m.roles().contains(Role.SOLUTIONS_ENGINEER))
                .isPresent();
        if (engineer) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        }
        grid.setItemDetailsRenderer(
                new com.vaadin.flow.data.renderer.ComponentRenderer<>(row -> new Paragraph(row.detail())));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setAriaLabel("Exceptions");
        var networkLink = new com.vaadin.flow.component.html.Anchor("network-exceptions", "Network exceptions");
        add(
                new H1("Exceptions"),
                new Paragraph(
                        new com.vaadin.flow.component.Text("Every exception of this organisation: guardrail "
                                + "exceptions, which let a connection break a rule of its template until a date, and "
                                + "network exceptions, which open a host to connections. Guardrail exceptions are "
                                + "asked for on the connection that needs one; network exceptions on the "),
                        networkLink,
                        new com.vaadin.flow.component.Text(" page.")),
                grid,
                empty);
        empty.addClassName("empty-state");
        refresh();
    }

    private void refresh() {
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (GuardrailException e : guardrails.list()) {
            rows.add(new Row(
                    "Guardrail",
                    e.connectionName(),
                    e.rule(),
                    e.ruleText(),
                    e.justification(),
                    e.statusText(now)
                            + (e.decisionNote() == null || e.decisionNote().isBlank()
                                    ? ""
                                    : " (" + e.decisionNote() + ")"),
                    e.expiresAt(),
                    e.requestedBy(),
                    e.requestedAt(),
                    e.status() == GuardrailException.Status.REQUESTED ? e : null));
        }
        for (EgressException e : network.list()) {
            rows.add(new Row(
                    "Network",
                    "every connection",
                    e.host(),
                    "Connections may reach " + e.host() + " although the egress guard would refuse it.",
                    e.reason(),
                    e.expired(now) ? "Expired" : e.status().label(),
                    e.expiresAt(),
                    e.requestedBy(),
                    e.requestedAt(),
                    null));
        }
        rows.sort(Comparator.comparing(Row::askedAt).reversed());
        grid.setItems(rows);
        grid.setVisible(!rows.isEmpty());
        empty.setVisible(rows.isEmpty());
    }

    private HorizontalLayout actions(Row row) {
        var actions = new HorizontalLayout();
        if (row.decidable() == null) {
            return actions;
        }
        GuardrailException request = row.decidable();
        var approve = new Button("Approve", e -> decide(request, true));
        approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        approve.setAriaLabel("Approve the exception for " + row.subject());
        var deny = new Button("Deny", e -> decide(request, false));
        deny.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        deny.setAriaLabel("Deny the exception for " + row.subject());
        actions.add(approve, deny);
        return actions;
    }

    private static String waived(@Nullable LocalDate until) {
        return "The rule is waived until the end of " + Dates.day(until) + " (UTC); then the connection shows as"
                + " degraded until it meets the rule or has a new exception.";
    }

    private void decide(GuardrailException request, boolean approve) {
        var dialog = new Dialog();
        dialog.setHeaderTitle((approve ? "Approve" : "Deny") + " the exception for " + request.connectionName());
        var until = Formats.isoDates(new DatePicker("Until"));
        until.setValue(LocalDate.now(ZoneOffset.UTC).plusMonths(3));
        until.setMin(LocalDate.now(ZoneOffset.UTC));
        until.setMax(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        // three months unless the engineer chooses otherwise: long enough to change the setup, short enough to be
        // looked at again
        until.setHelperText(
                "Three months from today unless you choose otherwise, at most a year. " + waived(until.getValue()));
        until.addValueChangeListener(e -> until.setHelperText(waived(e.getValue())));
        until.setVisible(approve);
        var note = new TextArea(approve ? "Note (optional)" : "Why it is denied");
        note.setWidthFull();
        var error = new Div();
        error.addClassName("dialog-error");
        dialog.add(
                new Paragraph(request.ruleText()),
                new Paragraph("Justification: " + request.justification()),
                error,
                until,
                note);
        dialog.setWidth("min(34rem, 95vw)");
        var confirm = new Button(approve ? "Approve" : "Deny", e -> {
            try {
                if (approve) {
                    guardrails.approve(request.id(), until.getValue(), note.getValue());
                } else {
                    guardrails.deny(request.id(), note.getValue());
                }
                dialog.close();
                refresh();
            } catch (InvalidSetupException problem) {
                error.setText(problem.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private record Row(
            String kind,
            String subject,
            String what,
            String detail,
            String justification,
            String status,
            @Nullable Instant expires,
            String requestedBy,
            Instant askedAt,
            @Nullable GuardrailException decidable) {}
}
