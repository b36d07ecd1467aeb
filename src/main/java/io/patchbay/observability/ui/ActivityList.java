package io.patchbay.observability.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.base.ui.Formats;
import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.ActivityItem;
import io.patchbay.observability.ConnectionActivity;
import java.util.List;
import java.util.Locale;

/**
 * A connection's one timeline: runs, health changes, changes people made and data that arrived, newest first, each
 * with its correlation id; searching a correlation id (or any word) keeps what it touched.
 */
class ActivityList extends VerticalLayout {

    private static final int SHOWN = 100;

    private final ConnectionActivity activity;
    private final ConnectionId connection;
    private final TextField search = new TextField();
    private final Grid<ActivityItem> grid = new Grid<>();
    private List<ActivityItem> items = List.of();

    ActivityList(ConnectionActivity activity, ConnectionId connection) {
        this.activity = activity;
        this.connection = connection;
        setPadding(false);
        addClassName("activity-list");
        search.setPlaceholder("A correlation id, a name, a word…");
        search.setAriaLabel("Search the activity");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> show());
        search.setWidth("min(24rem, 100%)");
        grid.addColumn(item -> Formats.time(item.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(item -> {
                    var kind = new Span(item.kind().label());
                    kind.addClassName("activity-kind");
                    kind.getElement()
                            .setAttribute("data-kind", item.kind().name().toLowerCase(Locale.ROOT));
                    var title = new Span(item.title());
                    title.addClassName("activity-title");
                    var detail = new Span(item.detail());
                    detail.addClassName("activity-detail");
                    return new Div(kind, title, detail);
                })
                .setHeader("What happened")
                .setFlexGrow(3);
        grid.addComponentColumn(item -> {
                    if (item.correlationId() == null) {
                        return new Span("");
                    }
                    if (item.link() == null) {
                        return new Span(item.correlationId());
                    }
                    var open = new Anchor(item.link(), item.correlationId());
                    open.getElement().setAttribute("aria-label", "Open " + item.correlationId());
                    return open;
                })
                .setHeader("Correlation id")
                .setAutoWidth(true);
        grid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Activity");
        grid.setHeight("22rem");
        add(search, grid);
    }

    void refresh() {
        items = activity.recent(connection, SHOWN);
        show();
    }

    private void show() {
        String wanted = search.getValue().strip().toLowerCase(Locale.ROOT);
        grid.setItems(
                wanted.isEmpty()
                        ? items
                        : items.stream()
                                .filter(item -> (item.title() + " " + item.detail() + " "
                                                + (item.correlationId() == null ? "" : item.correlationId()))
                                        .toLowerCase(Locale.ROOT)
                                        .contains(wanted))
                                .toList());
    }
}
