package io.patchbay.observability.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.KeysetPages;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunCursor;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A connection's runs, newest first, read by keyset as the grid scrolls (no count: a connection may have a million),
 * each with a link to its own page.
 */
class RunTimeline extends Grid<Run> {

    private final KeysetPages<Run, RunCursor> pages;

    RunTimeline(RunService runs, ConnectionId connection) {
        pages = new KeysetPages<>((after, limit) -> runs.timeline(connection, after, limit), RunCursor::after);
        addComponentColumn(run -> {
                    // on a phone the folded columns' values move in here, under the status
                    var meta = new Span(triggerLabel(run));
                    meta.add(" · " + Formats.time(started(run))
                            + " · " + Formats.duration(run.duration()) + " · " + run.recordsRead() + " read, "
                            + run.recordsWritten() + " written, " + run.recordsQuarantined() + " quarantined"
                            + (run.errorMessage() == null ? "" : " · " + PersonalData.mask(run.errorMessage()))
                            + " · " + run.correlationId());
                    meta.addClassName("run-meta");
                    return new Div(statusLabel(run.status()), meta);
                })
                .setHeader("Status")
                .setWidth("10rem")
                .setFlexGrow(1);
        addComponentColumn(run -> {
                    var open = new Anchor("runs/" + run.id(), "Details");
                    open.getElement().setAttribute("aria-label", "Details of the run " + run.correlationId());
                    return open;
                })
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0);
        List<Column<Run>> wide = new ArrayList<>();
        wide.add(addComponentColumn(RunTimeline::triggerLabel)
                .setHeader("Trigger")
                .setAutoWidth(true));
        // a time wraps after its date: thirteen columns share a laptop's width
        wide.add(addColumn(run -> Formats.time(started(run)))
                .setHeader("Start")
                .setWidth("7.5rem")
                .setFlexGrow(0));
        wide.add(addColumn(run -> Formats.duration(run.duration()))
                .setHeader("Duration")
                .setAutoWidth(true));
        wide.add(addColumn(Run::recordsRead)
                .setHeader("Read")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true));
        wide.add(addColumn(Run::recordsWritten)
                .setHeader("Written")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true));
        wide.add(addColumn(Run::recordsQuarantined)
                .setHeader("Quarantined")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true));
        wide.add(addColumn(run -> run.throttled()
                        ? run.throttledCount() + "× (" + Formats.duration(Duration.ofMillis(run.throttledMillis()))
                                + ")"
                        : "–")
                .setHeader("Throttled")
                .setAutoWidth(true));
        wide.add(addColumn(
                        run -> run.errorClass() == null ? "–" : run.errorClass().label())
                .setHeader("Error class")
                .setWidth("6.5rem")
                .setFlexGrow(0));
        wide.add(addColumn(run -> run.errorMessage() == null ? "" : PersonalData.mask(run.errorMessage()))
                .setHeader("Message")
                .setWidth("8rem")
                .setFlexGrow(3));
        // an id is read whole or not at all: it takes the room it needs
        wide.add(addColumn(Run::correlationId)
                .setHeader("Correlation id")
                .setAutoWidth(true)
                .setFlexGrow(0));
        addClassName("run-timeline");
        NarrowColumns.fold(this, wide);
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAriaLabel("Sync timeline");
        setMinHeight("320px");
        setItems(pages::fetch);
    }

    /** Reads the newest runs again; what was scrolled to is read again as it is scrolled to. */
    void refresh() {
        pages.reset();
        getDataProvider().refreshAll();
    }

    private static Span triggerLabel(Run run) {
        var trigger = new Span(run.trigger().label());
        trigger.addClassName("run-trigger");
        return trigger;
    }

    /** When it started, or was queued while it waits. */
    private static java.time.Instant started(Run run) {
        return run.startedAt() != null ? run.startedAt() : run.queuedAt();
    }

    private static Span statusLabel(RunStatus status) {
        var label = new Span(status.label());
        label.addClassName("run-status");
        label.getElement().setAttribute("data-status", status.name().toLowerCase(Locale.ROOT));
        return label;
    }
}
