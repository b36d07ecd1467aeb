package io.patchbay.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.Dates;
import io.patchbay.base.ui.Formats;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantMember;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The tenant's network exceptions: hosts on its own network that its connectors may reach, who asked and why, and
 * what a solutions engineer decided. Admins request and revoke; engineers approve (until a date) or deny; support
 * agents read.
 */
@Route("network-exceptions")
@PageTitle("Network exceptions · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SUPPORT_AGENT", "SOLUTIONS_ENGINEER"})
class EgressExceptionsView extends VerticalLayout {

    private static final int DEFAULT_DAYS = 90;

    private final EgressExceptionService exceptions;
    private final Grid<EgressException> grid = new Grid<>();
    private final boolean requests;
    private final boolean decides;

    EgressExceptionsView(EgressExceptionService exceptions) {
        this.exceptions = exceptions;
        this.requests = CurrentTenant.setsUpConnections();
        this.decides = CurrentTenant.member()
                .map(TenantMember::roles)
                .map(roles -> roles.contains(Role.SOLUTIONS_ENGINEER))
                .orElse(false);
        addClassName("egress-exceptions-view");

        add(
                new H1("Network exceptions"),
                new Paragraph("Connectors reach only public https addresses. A system on your own network (a private"
                        + " address, or plain http) can be reached once a solutions engineer approves an exception for"
                        + " its host, until the date they set. Loopback, cloud metadata and Patchbay's own machine are"
                        + " never reachable. Every request and decision is audited."));
        if (requests) {
            add(requestForm());
        }

        grid.addComponentColumn(this::hostCell)
                .setHeader("Host")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::requestCell).setHeader("Why").setFlexGrow(1);
        grid.addComponentColumn(this::decisionCell).setHeader("Decision").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Network exceptions");
        grid.setEmptyStateText("No network exceptions: connectors reach public https addresses only.");
        add(grid);
        refresh();
    }

    private Component requestForm() {
        var host = new TextField("Host");
        host.setHelperText("A host name or IP address on your network, e.g. crm.internal.example or 10.0.4.17");
        host.setValueChangeMode(ValueChangeMode.ON_BLUR);
        var reason = new TextField("Reason");
        reason.setHelperText("Why connectors must reach it; kept in the audit trail");
        reason.setValueChangeMode(ValueChangeMode.ON_BLUR);
        reason.setMinWidth("16rem");
        var form = new Binder<Request>();
        form.forField(host)
                .withValidator(
                        EgressExceptionService::validHost,
                        "Enter a host name or IP address only, without scheme, port or path")
                .bind(r -> r.host, (r, v) -> r.host = v);
        form.forField(reason)
                .withValidator(
                        v -> v != null && v.trim().length() >= 10, "Say in a sentence why (10 characters or more)")
                .bind(r -> r.reason, (r, v) -> r.reason = v);
        form.setBean(new Request());
        var submit = new Button("Request exception", e -> {
            if (form.validate().isOk()) {
                try {
                    exceptions.request(form.getBean().host, form.getBean().reason);
                    form.setBean(new Request());
                    Notification.show(
                            "Requested: a solutions engineer approves or denies it.",
                            4000,
                            Notification.Position.BOTTOM_START);
                    refresh();
                } catch (IllegalArgumentException refused) {
                    host.setErrorMessage(refused.getMessage());
                    host.setInvalid(true);
                }
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new FlexLayout(host, reason, submit);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("gap", "var(--lumo-space-m)");
        return row;
    }

    private Component hostCell(EgressException exception) {
        var status = new Span(statusText(exception));
        status.addClassName("exception-status");
        status.getElement().setAttribute("data-status", statusKey(exception));
        var cell = new Div(new Span(exception.host()), new Div(status));
        cell.addClassName("exception-host");
        return cell;
    }

    private Component requestCell(EgressException exception) {
        var detail = new Paragraph(
                "Requested by " + exception.requestedBy() + ", " + Formats.relative(exception.requestedAt()));
        detail.addClassName("exception-detail");
        return new Div(new Span(exception.reason()), detail);
    }

    private Component decisionCell(EgressException exception) {
        if (exception.decidedBy() == null) {
            return new Span("–");
        }
        String verb = switch (exception.status()) {
            case APPROVED -> "Approved";
            case DENIED -> "Denied";
            case REVOKED -> "Revoked";
            case PENDING -> "";
        };
        var who = new Paragraph(verb + " by " + exception.decidedBy() + ", " + Formats.relative(exception.decidedAt()));
        who.addClassName("exception-detail");
        return exception.decisionNote() == null ? who : new Div(new Span(exception.decisionNote()), who);
    }

    private Component actions(EgressException exception) {
        var buttons = new HorizontalLayout();
        buttons.setSpacing(true);
        boolean pending = exception.status() == EgressException.Status.PENDING;
        boolean mine = exception.requestedBy().equals(CurrentTenant.actor());
        if (decides && pending && !mine) {
            var approve = new Button("Approve…", e -> approveDialog(exception).open());
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
            var deny = new Button("Deny…", e -> denyDialog(exception).open());
            deny.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            buttons.add(approve, deny);
        }
        boolean withdraws = pending && (mine || !decides);
        if (requests && (withdraws || exception.opens(Instant.now()))) {
            var revoke = new Button(pending ? "Withdraw" : "Revoke", e -> {
                exceptions.revoke(exception.id());
                refresh();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            buttons.add(revoke);
        }
        return buttons;
    }

    private Dialog approveDialog(EgressException exception) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Approve " + exception.host());
        var until = Formats.isoDates(new DatePicker("Open until"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        until.setMin(today.plusDays(1));
        until.setMax(today.plusDays(EgressExceptionService.LONGEST_APPROVAL.toDays() - 1));
        until.setValue(today.plusDays(DEFAULT_DAYS));
        until.setHelperText(DEFAULT_DAYS
                + " days from today unless you choose otherwise, at most a year: open until the" + " end of "
                + Dates.day(until.getValue()) + " (UTC); then connections fail with a clear reason.");
        until.addValueChangeListener(e -> until.setHelperText("Open until the end of " + Dates.day(e.getValue())
                + " (UTC), at most a year; then connections fail with a clear reason."));
        var note = new TextArea("Note (optional)");
        note.setWidthFull();
        dialog.add(new VerticalLayout(new Paragraph(exception.reason()), until, note));
        var approve = new Button("Approve", e -> {
            if (until.getValue() == null || until.isInvalid()) {
                until.setInvalid(true);
                return;
            }
            decide(
                    dialog,
                    () -> exceptions.approve(
                            exception.id(),
                            until.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
                            note.getValue()));
        });
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), approve);
        return dialog;
    }

    private Dialog denyDialog(EgressException exception) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Deny " + exception.host());
        var note = new TextArea("Why it is denied");
        note.setHelperText("The requester reads this");
        note.setWidthFull();
        dialog.add(new VerticalLayout(new Paragraph(exception.reason()), note));
        var deny = new Button("Deny", e -> decide(dialog, () -> exceptions.deny(exception.id(), note.getValue())));
        deny.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), deny);
        return dialog;
    }

    private void decide(Dialog dialog, Runnable decision) {
        try {
            decision.run();
            dialog.close();
            refresh();
        } catch (IllegalArgumentException refused) {
            Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static String statusText(EgressException exception) {
        Instant now = Instant.now();
        if (exception.expired(now)) {
            return "Expired " + Dates.day(exception.expiresAt());
        }
        if (exception.opens(now)) {
            return "Open until " + Dates.day(exception.expiresAt());
        }
        return exception.status().label();
    }

    private static String statusKey(EgressException exception) {
        Instant now = Instant.now();
        if (exception.expired(now)) {
            return "expired";
        }
        return exception.opens(now) ? "open" : exception.status().name().toLowerCase(Locale.ROOT);
    }

    private void refresh() {
        grid.setItems(exceptions.list());
    }

    static final class Request {
        String host = "";
        String reason = "";
    }
}
