package io.patchbay.sync.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.patchbay.audit.Actions;
import io.patchbay.audit.AuditService;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunDetail;
import io.patchbay.sync.RunDetails;
import io.patchbay.sync.RunEvent;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One run on a page of its own: its status, trigger and times, what it read, wrote and quarantined, the whole error
 * with its class and fix, where in the stream it started and got to, and its log (each request its connector made,
 * each page it committed), searchable.
 */
@Route("runs/:runId")
@PermitAll
class RunDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final RunDetails runs;
    private final ConnectionService connections;
    private final H1 title = new H1();
    private final Span status = new Span();
    private final Anchor back = new Anchor();
    private final Div summary = new Div();
    private final TextField search = new TextField("Search the log");
    private final Grid<RunEvent> log = new Grid<>();
    private final Paragraph logCount = new Paragraph();
    private final Button retry = new Button("Retry this run", VaadinIcon.REFRESH.create());
    private final RunService runService;
    private final AuditService audit;
    private @Nullable RunId run;
    private @Nullable Run shown;

    RunDetailView(
            RunDetails runs,
            ConnectionService connections,
            RunService runService,
            AuditService audit,
            LiveUpdates live) {
        this.runs = runs;
        this.audit = audit;
        this.connections = connections;
        this.runService = runService;
        // refreshed by server push while the run's connection changes (its counts grow while it runs)
        live.whileAttached(
                this,
                activity -> shown != null
                        && activity.connection().equals(shown.connectionId().value()),
                this::refresh);
        retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        retry.setTooltipText("Sync again from the last checkpoint; what this run committed stays");
        retry.addClickListener(e -> retry());
        addClassName("run-detail-view");
        search.setPlaceholder("a status, a path, a page…");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> showLog());
        log.addColumn(event -> Formats.time(event.at()))
                .setHeader("When")
                .setAutoWidth(true)
                .setFlexGrow(0);
        // on a phone the line says what it is: a request's method and address, or a page's counts
        var what = log.addColumn(event -> event.kind() == RunEvent.Kind.PAGE ? "page" : "request")
                .setHeader("What")
                .setAutoWidth(true)
                .setFlexGrow(0);
        NarrowColumns.fold(log, List.of(what));
        // lines are kept as they were; what people read of them has emails and phone numbers masked
        log.addColumn(event -> PersonalData.mask(event.summary()))
                .setHeader("Line")
                .setFlexGrow(1);
        log.setPartNameGenerator(event -> event.failed() ? "failed-line" : null);
        log.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        log.addClassName("run-log");
        log.setAllRowsVisible(true);
        summary.addClassName("run-summary");
        summary.setWidthFull();
        back.addClassName("back-link");
        status.addClassName("run-status");
        var heading = new com.vaadin.flow.component.orderedlayout.HorizontalLayout(title, status, retry);
        heading.setAlignItems(Alignment.CENTER);
        heading.setWrap(true);
        logCount.addClassName("run-log-count");
        add(back, heading, summary, new H2("Log"), search, logCount, log);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        RunId id = event.getRouteParameters()
                .get("runId")
                .flatMap(RunDetailView::parse)
                .orElse(null);
        RunDetail detail = id == null ? null : runs.find(id).orElse(null);
        if (detail == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        run = id;
        show(detail);
        showLog();
    }

    @Override
    public String getPageTitle() {
        return title.getText() + " · Patchbay";
    }

    private void refresh() {
        if (run != null) {
            runs.find(run).ifPresent(this::show);
            showLog();
        }
    }

    private void retry() {
        Run failed = shown;
        if (failed == null) {
            return;
        }
        runService.retry(failed.id()); // a refusal is shown by the view error handler
        Notification.show(
                "Retry queued; it shows on the connection's timeline.", 4000, Notification.Position.BOTTOM_START);
        getUI().ifPresent(ui -> ui.navigate("connections/" + failed.connectionId()));
    }

    private void show(RunDetail detail) {
        Run r = detail.run();
        shown = r;
        retry.setVisible(r.status() == RunStatus.FAILED);
        String connection =
                connections.find(r.connectionId()).map(c -> c.name()).orElse("a deleted connection");
        title.setText("Run of " + connection);
        summary.removeAll();
        status.setText(r.status().label());
        status.getElement().setAttribute("data-status", r.status().name().toLowerCase(Locale.ROOT));
        back.setHref("connections/" + r.connectionId());
        back.setText("← " + connection);
        summary.add(facts(List.of(
                fact("Trigger", r.trigger().label()),
                fact("Queued", Formats.time(r.queuedAt())),
                fact("Started", Formats.time(r.startedAt())),
                fact("Finished", Formats.time(r.finishedAt())),
                fact("Duration", Formats.duration(r.duration())),
                fact("Correlation id", traceLink(r.correlationId())),
                fact("Changed before it", changedBefore(r)),
                fact("Read", String.valueOf(r.recordsRead())),
                fact("Written", String.valueOf(r.recordsWritten())),
                fact("Quarantined", String.valueOf(r.recordsQuarantined())),
                fact(
                        "Throttled",
                        r.throttled()
                                ? r.throttledCount() + "× (" + Formats.duration(Duration.ofMillis(r.throttledMillis()))
                                        + ")"
                                : "no"))));
        if (r.errorMessage() != null) {
            var error = new Div(
                    new Paragraph((r.errorClass() == null ? "" : r.errorClass().label() + ": ")
                            + PersonalData.mask(r.errorMessage())));
            if (r.errorFix() != null) {
                error.add(new Paragraph("Recommended fix: " + r.errorFix()));
            }
            error.addClassName("run-error");
            summary.add(new H2("What went wrong"), error);
        }
        summary.add(
                new H2("Checkpoint"),
                facts(List.of(
                        checkpoint("Before", detail.checkpointBefore(), "from the beginning"),
                        checkpoint("After", detail.checkpointAfter(), "no page committed"))));
    }

    private void showLog() {
        if (run == null) {
            return;
        }
        List<RunEvent> lines = runs.log(run, search.getValue());
        log.setItems(lines);
        log.setVisible(!lines.isEmpty());
        logCount.setText(
                lines.isEmpty()
                        ? (search.isEmpty() ? "Nothing logged for this run." : "No line contains that.")
                        : Plurals.count(lines.size(), "line", "lines")
                                + (lines.size() >= RunDetails.LOG_LINES
                                        ? " (the first " + RunDetails.LOG_LINES + "; search to" + " narrow them)"
                                        : "")
                                + ".");
    }

    private static Component facts(List<Component> facts) {
        var list = new Div(facts.toArray(Component[]::new));
        list.addClassName("run-facts");
        return list;
    }

    private static Component fact(String label, String value) {
        return fact(label, new Span(value));
    }

    private static Component fact(String label, Component value) {
        var term = new Span(label);
        term.addClassName("run-fact-label");
        var fact = new Div(term, value);
        fact.addClassName("run-fact");
        return fact;
    }

    /**
     * The change someone made to the connection last before this run was queued, opening everything its request
     * touched: where a failed run's cause is often found.
     */
    private Component changedBefore(Run r) {
        return audit.lastBefore("connection", r.connectionId().toString(), r.queuedAt())
                .map(entry -> {
                    var said = new Span(entry.actor() + " " + Actions.done(entry.action()) + ", "
                            + Formats.time(entry.occurredAt()) + " ");
                    var line = new Div(said);
                    if (entry.correlationId() != null) {
                        line.add(traceLink(entry.correlationId()));
                    }
                    line.addClassName("changed-before");
                    return (Component) line;
                })
                .orElseGet(() -> new Span("nothing since the connection was set up"));
    }

    /** The id, opening everything it touched. */
    private static Component traceLink(String correlationId) {
        var link = new com.vaadin.flow.component.html.Anchor("trace/" + correlationId, correlationId);
        link.getElement().setAttribute("title", "Everything " + correlationId + " touched");
        link.addClassName("trace-link");
        return link;
    }

    private static Component checkpoint(String label, @Nullable String checkpoint, String none) {
        var term = new Span(label);
        term.addClassName("run-fact-label");
        Component value = checkpoint == null || checkpoint.equals("null") ? new Span(none) : new Pre(checkpoint);
        var fact = new Div(term, value);
        fact.addClassName("run-fact");
        return fact;
    }

    private static java.util.Optional<RunId> parse(String value) {
        try {
            return java.util.Optional.of(new RunId(UUID.fromString(value)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
