package io.patchbay.observability.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.ui.ConnectionPageParts;
import io.patchbay.observability.ConnectionActivity;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.observability.Notices;
import io.patchbay.observability.RunCharts;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One connection: its health with the reason and fix, Run now / Pause / Resume, its settings with Edit settings /
 * Change schedule / Delete for those who set connections up, who connected it (Reconnect) where a consent signs it in,
 * and its run timeline.
 */
@Route("connections/:connectionId")
@PermitAll
class ConnectionDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConnectionService connections;
    private final RunService runs;
    private final HealthService health;
    private final Quarantine quarantine;
    private final com.vaadin.flow.component.html.Anchor quarantined = new com.vaadin.flow.component.html.Anchor();
    private final ConnectionPageParts parts;

    private final H1 title = new H1();
    private final Div badge = new Div();
    private final HealthPanel healthPanel;
    private final ConnectionFacts facts;
    private final Button runNow = new Button("Run now", VaadinIcon.PLAY.create());
    private final Button pause = new Button("Pause", VaadinIcon.PAUSE.create());
    private final Button resume = new Button("Resume", VaadinIcon.PLAY_CIRCLE.create());
    private final Button sendFix = new Button("Send the fix to the admins", VaadinIcon.ENVELOPE.create());
    private @Nullable ConnectionHealth shownHealth;
    private final Div timelineSlot = new Div();
    private final Div activitySlot = new Div();
    private @Nullable ActivityList activityList;
    private final ConnectionActivity activity;
    private final Notices notices;
    private final RunCharts charts;
    private final Div chartsSlot = new Div();
    private @Nullable RunChartsPanel chartsPanel;
    private @Nullable RunTimeline timeline;
    private @Nullable ConnectionId id;

    ConnectionDetailView(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            RunService runs,
            HealthService health,
            Quarantine quarantine,
            ConnectionPageParts parts,
            LiveUpdates live,
            ConnectionActivity activity,
            Notices notices,
            RunCharts charts) {
        this.notices = notices;
        this.charts = charts;
        this.activity = activity;
        this.connections = connections;
        this.healthPanel = new HealthPanel(health);
        this.facts = new ConnectionFacts(runs);
        // refreshed by server push when the connection's runs, health, quarantine, exceptions or notices change (or a
        // new version of its template is published), on any node
        java.util.UUID tenant = io.patchbay.tenancy.CurrentTenant.require().value();
        live.whileAttached(this, change -> id != null && change.concerns(tenant, id.value()), this::refresh);
        this.parts = parts;
        this.runs = runs;
        this.health = health;
        this.quarantine = quarantine;
        addClassName("connection-detail-view");

        runNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runNow.addClickListener(e -> act(() -> {
            runs.runNow(requireId());
            Notification.show(
                    "Sync queued; it shows in the timeline in a moment.", 3000, Notification.Position.BOTTOM_START);
        }));
        pause.addClickListener(e -> act(() -> lifecycle.pause(requireId())));
        resume.addClickListener(e -> act(() -> lifecycle.resume(requireId())));

        var titleRow = new HorizontalLayout(title, badge);
        titleRow.setAlignItems(FlexComponent.Alignment.CENTER);
        sendFix.addClickListener(e -> {
            if (shownHealth != null) {
                new SendFixDialog(notices, shownHealth).open();
            }
        });
        var actions = new HorizontalLayout(runNow, pause, resume, sendFix, parts.validationReport());
        actions.setWrap(true);
        quarantined.addClassName("quarantine-link");
        timelineSlot.setWidthFull();
        activitySlot.setWidthFull();
        chartsSlot.setWidthFull();
        add(
                new Html("<a href='' class='back-link'>← Integrations</a>"),
                titleRow,
                healthPanel,
                quarantined,
                parts.upgrades(),
                parts.guardrails(),
                actions,
                facts,
                parts.changes(),
                parts.consent(),
                parts.pushedData(),
                new H2("Last " + RunChartsPanel.DAYS + " days"),
                chartsSlot,
                new H2("Activity"),
                activitySlot,
                new H2("Sync timeline"),
                timelineSlot);
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters()
                .get("connectionId")
                .flatMap(ConnectionId::parse)
                .filter(candidate ->
                        connections.find(candidate).filter(c -> !c.isDraft()).isPresent())
                .orElse(null);
        if (id == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return title.getText() + " · Patchbay";
    }

    private void refresh() {
        if (id == null) {
            return;
        }
        Connection connection = connections.find(id).orElse(null);
        if (connection == null) {
            return;
        }
        ConnectionHealth stored = health.current(connection.id()).orElse(null);
        title.setText(connection.name());
        badge.removeAll();
        if (stored != null) {
            badge.add(new HealthBadge(stored.health()));
            healthPanel.show(stored);
        }
        healthPanel.setVisible(stored != null);
        shownHealth = stored;
        // support tells the admins what to do; it does not change credentials or settings itself
        sendFix.setVisible(stored != null
                && (stored.health().status() == HealthStatus.FAILING
                        || stored.health().status() == HealthStatus.DEGRADED)
                && CurrentTenant.member().filter(member -> member.staff()).isPresent());
        int waiting = quarantine.count(QuarantineFilter.of(connection.id()));
        quarantined.setText(Plurals.count(waiting, "record waits", "records wait") + " in quarantine →");
        quarantined.setHref("connections/" + connection.id() + "/quarantine");
        quarantined.setVisible(waiting > 0);

        boolean active = connection.state() == ConnectionState.ACTIVE;
        ConnectorSpec spec = connections.spec(connection);
        runNow.setEnabled(active);
        runNow.setTooltipText(
                active ? "Sync now instead of waiting for the schedule" : "Resume the connection to run it");
        pause.setVisible(active);
        resume.setVisible(connection.state() == ConnectionState.PAUSED);

        facts.show(connection, spec);
        parts.show(connection, spec, refusedAt(stored), () -> runs.linkedRecords(connection.id()), this::refresh);
        if (chartsPanel == null) {
            chartsPanel = new RunChartsPanel(charts, connection.id());
            chartsSlot.add(chartsPanel);
        }
        chartsPanel.refresh();
        if (activityList == null) {
            activityList = ActivityList.of(activity, connection.id());
            activitySlot.add(activityList);
        }
        activityList.refresh();
        if (timeline == null) {
            timeline = new RunTimeline(runs, connection.id());
            timelineSlot.add(timeline);
        } else {
            timeline.refresh();
        }
    }

    /** When the newest sync was refused for authentication, if it was: a consent before that no longer works. */
    private static @Nullable Instant refusedAt(@Nullable ConnectionHealth stored) {
        if (stored == null || stored.lastRun() == null || stored.errorClass() != ErrorClass.AUTH) {
            return null;
        }
        return stored.lastRun().at();
    }

    private void act(Runnable action) {
        try {
            action.run(); // a refusal is shown by the view error handler
        } finally {
            refresh();
        }
    }

    private ConnectionId requireId() {
        if (id == null) {
            throw new IllegalStateException("No connection selected");
        }
        return id;
    }
}
