package io.patchbay.observability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.base.ui.TenantSwitchDialog;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionExports;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.ui.ImportConnectionDialog;
import io.patchbay.observability.HealthFilter;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.Notices;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The integrations hub: the tenant's connections by stored health, worst first (refreshed by server push when a run or
 * a health changes), and its setups in progress.
 */
@Route("")
@PageTitle("Integrations · Patchbay")
@PermitAll
class ConnectionListView extends VerticalLayout {

    private final HealthService health;
    private final ConnectionService connections;
    private final ConnectionChanges changes;
    private final ConnectionExports exports;
    /** The hub shows this many setups in progress; a tenant with more finishes or discards some first. */
    private static final int MAX_DRAFTS = 50;

    private @Nullable ConnectionHealthGrid grid;
    private final VerticalLayout drafts = new VerticalLayout();
    private final Div empty = new Div();

    ConnectionListView(
            HealthService health,
            ConnectionService connections,
            ConnectionChanges changes,
            ConnectionExports exports,
            StaffAccess staff,
            Notices notices,
            LiveUpdates live) {
        this.health = health;
        this.connections = connections;
        this.changes = changes;
        this.exports = exports;
        addClassName("connection-list-view");

        var add = new Button("Add integration", VaadinIcon.PLUS.create(), e -> navigate("connections/new"));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(CurrentTenant.setsUpConnections());
        var importYaml =
                new Button("Import YAML", VaadinIcon.UPLOAD.create(), e -> new ImportConnectionDialog(exports).open());
        importYaml.setVisible(CurrentTenant.setsUpConnections());
        var header = new HorizontalLayout(new H1("Integrations"), wrapping(new HorizontalLayout(importYaml, add)));
        header.setWrap(true);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        empty.addClassName("empty-state");
        var emptyAdd = new Button("Add integration", e -> navigate("connections/new"));
        emptyAdd.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        emptyAdd.setVisible(CurrentTenant.setsUpConnections());
        empty.add(
                new H2("No integrations yet"),
                new Paragraph("Connect your first system: pick a template, enter its details, press Test connection, "
                        + "then activate. Syncs start right away."),
                emptyAdd);

        if (CurrentTenant.member()
                        .filter(m -> m.staff() && m.tenantId().equals(m.homeTenantId()))
                        .isPresent()
                && staff.current().filter(Tenant::operator).isPresent()) {
            // staff in their own tenant: nothing of theirs is here, the work is in a customer's tenant
            add.setVisible(false);
            importYaml.setVisible(false);
            var console = new Button("Open the support console", e -> navigate("console"));
            console.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var choose = new Button("Choose a tenant", e -> new TenantSwitchDialog(staff).open());
            var prompt = new Div(
                    new H2("Choose the tenant you work in"),
                    new Paragraph("You are signed in as staff. The support console lists every customer's "
                            + "connections, worst first. Or choose a customer's tenant, say why, and you see and work "
                            + "on its integrations as its admins do; your visit is recorded in its audit trail."),
                    wrapping(new HorizontalLayout(console, choose)));
            prompt.addClassName("empty-state");
            add(header, prompt);
            return;
        }
        grid = new ConnectionHealthGrid(
                health::page,
                health.connectors(),
                null,
                row -> new RouterLink(
                        row.name(),
                        ConnectionDetailView.class,
                        new RouteParameters("connectionId", row.connectionId().toString())));
        int unread = notices.unread();
        var banner = new Anchor(
                "notices",
                Plurals.count(unread, "new notice", "new notices")
                        + " about your connections: what turned Degraded or Failing, and what support says to do →");
        banner.addClassName("notices-banner");
        banner.setVisible(unread > 0);
        add(header, banner, drafts, grid, empty);
        UUID tenant = CurrentTenant.require().value();
        live.whileAttached(this, activity -> activity.tenant().equals(tenant), this::refresh);
    }

    private void refresh() {
        if (grid == null) {
            return;
        }
        boolean any = !health.page(HealthFilter.ALL, null, 1).isEmpty();
        grid.refresh();
        List<Connection> inSetup = connections.drafts(MAX_DRAFTS);
        drafts.removeAll();
        drafts.setPadding(false);
        drafts.setVisible(!inSetup.isEmpty());
        if (!inSetup.isEmpty()) {
            drafts.add(new H2("Setups in progress"));
            for (Connection draft : inSetup) {
                var row = new HorizontalLayout(
                        new Span(draft.name()),
                        new Span("at step: " + draft.setupStep().label()));
                if (CurrentTenant.setsUpConnections()) {
                    var resume = new Button("Continue setup", e -> navigate("connections/" + draft.id() + "/setup"));
                    resume.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    var discard = new Button("Discard", e -> discard(draft));
                    discard.addThemeVariants(
                            ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                    discard.setAriaLabel("Discard setup " + draft.name());
                    row.add(resume, discard);
                }
                row.setAlignItems(FlexComponent.Alignment.CENTER);
                row.addClassName("draft-row");
                drafts.add(row);
            }
        }
        grid.setVisible(any);
        empty.setVisible(!any && inSetup.isEmpty());
    }

    /** A setup nobody will finish goes, after a confirmation: it was never activated, so nothing else goes with it. */
    private void discard(Connection draft) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Discard the setup of " + draft.name() + "?");
        dialog.add(new Paragraph("The details entered so far are deleted. Nothing was synced from it."));
        var confirm = new Button("Discard setup", e -> {
            try {
                changes.discard(draft.id(), draft.version());
                dialog.close();
                refresh();
            } catch (InvalidSetupException problem) {
                dialog.add(new Paragraph(problem.getMessage()));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void navigate(String location) {
        getUI().ifPresent(ui -> ui.navigate(location));
    }

    /** A row of buttons that wraps where the window is narrower than they are. */
    private static HorizontalLayout wrapping(HorizontalLayout row) {
        row.setWrap(true);
        return row;
    }
}
