package io.patchbay.observability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.SupportConsole;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The support console: every customer's connections by health, worst first, with the reason, filterable by tenant,
 * connector, health and error class, refreshed by server push. Opening one enters its tenant (recorded in that
 * tenant's audit trail with what was opened) and shows the connection's page, where support acts.
 */
@Route("console")
@PageTitle("Support console · Patchbay")
@RolesAllowed({"SUPPORT_AGENT", "SOLUTIONS_ENGINEER"})
class SupportConsoleView extends VerticalLayout implements BeforeEnterObserver {

    private final SupportConsole console;
    private final StaffAccess staff;
    private final LiveUpdates live;

    SupportConsoleView(SupportConsole console, StaffAccess staff, LiveUpdates live) {
        this.console = console;
        this.staff = staff;
        this.live = live;
        addClassName("support-console-view");
    }

    /** A customer's own user with a support role is not the operator's staff: for them there is no console. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!console.open()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        if (getComponentCount() > 0) {
            return;
        }
        List<Tenant> tenants = console.tenants();
        var failures = new FailuresChart(console);
        Set<UUID> customerTenants =
                tenants.stream().map(tenant -> tenant.id().value()).collect(Collectors.toUnmodifiableSet());
        var grid = new ConnectionHealthGrid(
                console::page,
                console.connectors(),
                tenants.stream()
                        .map(tenant -> new ConnectionHealthGrid.TenantChoice(tenant.id(), tenant.name()))
                        .toList(),
                row -> {
                    var open = new Button(row.name(), e -> open(row));
                    open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    open.addClassName("console-open");
                    open.getElement().setAttribute("aria-label", "Open " + row.name());
                    return open;
                });
        add(
                new H1("Support console"),
                new Paragraph("Every customer's connections, worst first, with why. Open one to read its failed runs, "
                        + "their logs and the fix, and to act on it; opening it enters its customer's tenant, which "
                        + "that tenant's audit trail records."),
                grid,
                new H2("Failures by error class, last " + FailuresChart.DAYS + " days"),
                failures);
        grid.onTenantChosen(failures::show);
        live.whileAttached(this, activity -> customerTenants.contains(activity.tenant()), () -> {
            grid.refresh();
            failures.refresh();
        });
    }

    private void open(ConnectionHealth row) {
        try {
            staff.workIn(
                    row.tenantId(),
                    "Support console: opened " + row.name() + " ("
                            + row.health().status().label() + ")");
            // a full load: the header then says which tenant staff work in now
            getUI().ifPresent(ui -> ui.getPage().setLocation("connections/" + row.connectionId()));
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
