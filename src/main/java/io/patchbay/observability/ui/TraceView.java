package io.patchbay.observability.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.patchbay.base.Plurals;
import io.patchbay.observability.CorrelationTrace;
import jakarta.annotation.security.PermitAll;

/**
 * Everything one correlation id touched in the tenant, newest first: the run, the health it changed, the changes a
 * request made, the data it delivered, the notices it led to and what still waits in quarantine. Reached from any id
 * on a connection's or a run's page, or typed into the search at the top.
 */
@Route("trace/:correlationId")
@PermitAll
class TraceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CorrelationTrace traces;
    private String title = "Correlation id";

    TraceView(CorrelationTrace traces) {
        this.traces = traces;
        addClassName("trace-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String wanted = event.getRouteParameters().get("correlationId").orElse("");
        CorrelationTrace.Trace trace;
        try {
            trace = traces.find(wanted);
        } catch (IllegalArgumentException notAnId) {
            event.rerouteToError(NotFoundException.class, notAnId.getMessage());
            return;
        }
        if (trace.isEmpty()) {
            // as for any other id: whether another organisation has it is not for this one to learn
            event.rerouteToError(
                    NotFoundException.class,
                    "Nothing in your organisation carries this correlation id. Check it for typos: ids start with "
                            + "run- for a sync and req- for something a person did.");
            return;
        }
        title = wanted;
        add(new H1(wanted));
        var summary = new Paragraph("Everything this correlation id touched in your organisation: "
                + Plurals.count(trace.items().size(), "thing", "things") + ", newest first.");
        summary.addClassName("trace-summary");
        add(summary);
        if (trace.quarantined() > 0) {
            var quarantined = new Anchor(
                    "quarantine",
                    Plurals.count(trace.quarantined(), "record", "records") + " it quarantined still wait →");
            quarantined.addClassName("quarantine-link");
            add(quarantined);
        }
        var list = new ActivityList(trace::items, true);
        list.refresh();
        add(list);
    }

    @Override
    public String getPageTitle() {
        return title + " · Patchbay";
    }
}
