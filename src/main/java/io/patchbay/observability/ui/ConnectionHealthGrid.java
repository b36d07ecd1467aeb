package io.patchbay.observability.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.KeysetPages;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.HealthCursor;
import io.patchbay.observability.HealthFilter;
import io.patchbay.observability.HealthStatus;
import io.patchbay.tenancy.TenantId;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Connections by stored health, worst first, then by name: a lazy grid read by keyset (no count, no query per row),
 * with filters by name, connector, health and error class. The hub shows a tenant's own; the support console shows
 * every tenant's, with a tenant column and filter. Below 700 px wide only the name (with the reason under it) and
 * the health stay.
 */
class ConnectionHealthGrid extends VerticalLayout {

    /** Reads a page of rows for a filter. */
    interface Reader {
        List<ConnectionHealth> page(HealthFilter filter, @Nullable HealthCursor after, int limit);
    }

    private final Grid<ConnectionHealth> grid = new Grid<>();
    private final KeysetPages<ConnectionHealth, HealthCursor> pages;
    private final TextField text = new TextField();
    private final ComboBox<String> connector = new ComboBox<>("Connector");
    private final ComboBox<HealthStatus> status = new ComboBox<>("Health");
    private final ComboBox<ErrorClass> errorClass = new ComboBox<>("Error class");
    private final ComboBox<TenantChoice> tenant = new ComboBox<>("Tenant");
    private final List<Grid.Column<ConnectionHealth>> wideColumns = new java.util.ArrayList<>();

    /** A tenant the console may filter by. */
    record TenantChoice(TenantId id, String name) {}

    ConnectionHealthGrid(
            Reader reader,
            List<String> connectors,
            @Nullable List<TenantChoice> tenants,
            Function<ConnectionHealth, Component> nameCell) {
        pages = new KeysetPages<>((after, limit) -> reader.page(filter(), after, limit), ConnectionHealth::cursor);
        addClassName("connection-health-grid");
        setPadding(false);

        text.setLabel("Name");
        text.setPlaceholder("Part of a name");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        connector.setItems(connectors);
        connector.setClearButtonVisible(true);
        status.setItems(HealthStatus.values());
        status.setItemLabelGenerator(HealthStatus::label);
        status.setClearButtonVisible(true);
        errorClass.setItems(ErrorClass.values());
        errorClass.setItemLabelGenerator(ErrorClass::label);
        errorClass.setClearButtonVisible(true);
        for (HasSize field : List.<HasSize>of(text, connector, status, errorClass, tenant)) {
            field.setWidth("11rem");
        }
        var filters = new HorizontalLayout(text, connector, status, errorClass);
        if (tenants != null) {
            tenant.setItems(tenants);
            tenant.setItemLabelGenerator(TenantChoice::name);
            tenant.setClearButtonVisible(true);
            filters.addComponentAsFirst(tenant);
        }
        filters.setWrap(true);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassName("health-filters");
        text.addValueChangeListener(e -> refresh());
        connector.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        errorClass.addValueChangeListener(e -> refresh());
        tenant.addValueChangeListener(e -> refresh());

        var tenantNames = new java.util.HashMap<TenantId, String>();
        if (tenants != null) {
            tenants.forEach(t -> tenantNames.put(t.id(), t.name()));
        }
        grid.addComponentColumn(row -> {
                    var cell = new Div(nameCell.apply(row));
                    var reason = new Span(PersonalData.mask(row.health().reason()));
                    reason.addClassName("health-row-reason");
                    cell.add(reason);
                    if (tenants != null) {
                        // on a phone, where the tenant's column is folded away, whose it is shows here
                        var whose = new Span(tenantNames.getOrDefault(row.tenantId(), "–") + " · " + row.connector()
                                + " · since " + Formats.relative(row.since()));
                        whose.addClassName("health-row-meta");
                        cell.add(whose);
                    }
                    return cell;
                })
                .setHeader("Connection")
                .setWidth("14rem")
                .setFlexGrow(3);
        grid.addComponentColumn(row -> new HealthBadge(row.health()))
                .setHeader("Health")
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (tenants != null) {
            wideColumns.add(grid.addColumn(row -> tenantNames.getOrDefault(row.tenantId(), "–"))
                    .setHeader("Tenant")
                    .setWidth("9rem")
                    .setFlexGrow(1));
        }
        // widths that add up to the room there is: values wrap in their column rather than push the grid sideways
        wideColumns.add(grid.addColumn(ConnectionHealth::connector)
                .setHeader("Connector")
                .setWidth("8rem")
                .setFlexGrow(1));
        wideColumns.add(grid.addColumn(
                        row -> row.errorClass() == null ? "–" : row.errorClass().label())
                .setHeader("Error class")
                .setWidth("7rem")
                .setFlexGrow(0));
        wideColumns.add(grid.addColumn(row -> row.lastRun() == null
                        ? "No runs yet"
                        : row.lastRun().status().label() + " · "
                                + Formats.relative(row.lastRun().at()))
                .setHeader("Last run")
                .setWidth("9rem")
                .setFlexGrow(1));
        wideColumns.add(grid.addColumn(row -> Formats.relative(row.since()))
                .setHeader("Health since")
                .setWidth("7rem")
                .setFlexGrow(0));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Connections");
        grid.setItems(pages::fetch);
        grid.setHeight("32rem");
        add(filters, grid);
        NarrowColumns.fold(this, wideColumns);
    }

    /** Tells {@code listener} the tenant chosen in the filter (null: every tenant) whenever it changes. */
    void onTenantChosen(java.util.function.Consumer<@Nullable TenantId> listener) {
        tenant.addValueChangeListener(
                e -> listener.accept(e.getValue() == null ? null : e.getValue().id()));
    }

    /** Reads the rows again from the first page (what changed may have moved them). */
    void refresh() {
        pages.reset();
        grid.getDataProvider().refreshAll();
    }

    private HealthFilter filter() {
        TenantChoice chosen = tenant.getValue();
        return new HealthFilter(
                chosen == null ? null : chosen.id(),
                connector.getValue(),
                status.getValue(),
                errorClass.getValue(),
                text.getValue().isBlank() ? null : text.getValue());
    }
}
