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
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.ActivityItem;
import io.patchbay.observability.ConnectionActivity;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A connection's one timeline: runs, health changes, changes people made and data that arrived, newest first, each
 * with its correlation id; searching a correlation id (or any word) keeps what it touched.
 */
class ActivityList extends VerticalLayout {

    private static final int SHOWN = 100;
    private static final int ALL_VISIBLE = 12;

    private final Supplier<List<ActivityItem>> source;
    private final TextField search = new TextField();
    private final Grid<ActivityItem> grid = new Grid<>();
    private List<ActivityItem> items = List.of();
    private final List<Grid.Column<ActivityItem>> wideColumns = new java.util.ArrayList<>();

    /** A connection's own timeline. */
    static ActivityList of(ConnectionActivity activity, ConnectionId connection) {
        return new ActivityList(() -> activity.recent(connection, SHOWN), false);
    }

    /**
     * @param severalConnections whether the items are about several connections: then each says which
     */
    ActivityList(Supplier<List<ActivityItem>> source, boolean severalConnections) {
        this.source = source;
        setPadding(false);
        addClassName("activity-list");
        search.setPlaceholder("A correlation id, a name, a word…");
        search.setAriaLabel("Search the activity");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> show());
        search.setWidth("min(24rem, 100%)");
        wideColumns.add(grid.addColumn(item -> Formats.time(item.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0));
        grid.addComponentColumn(item -> {
                    var kind = new Span(item.kind().label());
                    kind.addClassName("activity-kind");
                    kind.getElement()
                            .setAttribute("data-kind", item.kind().name().toLowerCase(Locale.ROOT));
                    var title = new Span(item.title());
                    title.addClassName("activity-title");
                    var detail = new Span(item.detail());
                    detail.addClassName("activity-detail");
                    // on a phone the time (and the connection) move in here, their columns being folded away
                    var meta = new Span(
                            Formats.time(item.at()) + (item.connection() == null ? "" : " · " + item.connection()));
                    meta.addClassName("activity-meta");
                    return new Div(kind, title, detail, meta);
                })
                .setHeader("What happened")
                .setFlexGrow(3);
        if (severalConnections) {
            wideColumns.add(grid.addColumn(item -> item.connection() == null ? "–" : item.connection())
                    .setHeader("Connection")
                    .setAutoWidth(true));
        }
        grid.addComponentColumn(item -> {
                    var cell = new Div();
                    if (item.correlationId() != null && !severalConnections) {
                        // every id opens everything it touched
                        var trace = new Anchor("trace/" + item.correlationId(), item.correlationId());
                        trace.addClassName("trace-link");
                        cell.add(trace);
                    }
                    if (item.link() != null) {
                        var open = new Anchor(item.link(), opens(item));
                        // a run is opened by its id; anything else by what it is
                        open.getElement()
                                .setAttribute(
                                        "aria-label",
                                        item.link().startsWith("runs/") && item.correlationId() != null
                                                ? "Open " + item.correlationId()
                                                : "Open " + opens(item).replace(" →", "") + ": " + item.title());
                        open.addClassName("activity-open");
                        cell.add(open);
                    }
                    return cell;
                })
                .setHeader(severalConnections ? "Open" : "Correlation id")
                .setAutoWidth(true)
                .setFlexGrow(0); // what happened takes the room, most of all on a phone
        grid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAriaLabel("Activity");
        grid.setHeight("22rem");
        add(search, grid);
        NarrowColumns.fold(this, wideColumns);
    }

    private static String opens(ActivityItem item) {
        String link = java.util.Objects.requireNonNull(item.link());
        if (link.startsWith("runs/")) {
            return "the run →";
        }
        return link.startsWith("connections/") ? "the connection →" : "notices →";
    }

    void refresh() {
        items = source.get();
        // a few items are shown whole (a trace of three things shows three); many scroll in the grid's own height
        grid.setAllRowsVisible(items.size() <= ALL_VISIBLE);
        if (items.size() > ALL_VISIBLE) {
            grid.setHeight("22rem");
        }
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
