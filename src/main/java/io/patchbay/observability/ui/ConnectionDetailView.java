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
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionExports;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.ConnectionTemplates;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.ui.ConnectionChangeActions;
import io.patchbay.connection.ui.ConsentPanel;
import io.patchbay.connection.ui.GuardrailPanel;
import io.patchbay.connection.ui.PushedDataPanel;
import io.patchbay.connection.ui.SaveAsTemplateDialog;
import io.patchbay.connection.ui.UpgradeOffers;
import io.patchbay.connection.ui.ValidationReportPanel;
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
import io.patchbay.tenancy.Role;
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
    private final ConnectionLifecycle lifecycle;
    private final RunService runs;
    private final HealthService health;
    private final Quarantine quarantine;
    private final ConnectionValidation validation;
    private final com.vaadin.flow.component.html.Anchor quarantined = new com.vaadin.flow.component.html.Anchor();
    private final InboundService inbound;
    private final ConsentService consents;
    private final ConnectionChanges changes;
    private final ConnectionTemplates templates;
    private final Guardrails guardrails;
    private final GuardrailExceptions guardrailExceptions;
    private final ConnectionExports exports;

    private final H1 title = new H1();
    private final Div badge = new Div();
    private final HealthPanel healthPanel;
    private final ConnectionFacts facts;
    private final Div pushedData = new Div();
    private final UpgradeOffers upgrades;
    private final Div guardrailBox = new Div();
    private @Nullable GuardrailPanel guardrailPanel;
    private @Nullable PushedDataPanel pushedDataPanel;
    private final Div consent = new Div();
    private @Nullable ConsentPanel consentPanel;
    private final Div changeBox = new Div();
    private final Div reportSlot = new Div();
    private @Nullable ConnectionChangeActions changeActions;
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
            ConnectionValidation validation,
            InboundService inbound,
            ConsentService consents,
            ConnectionChanges changes,
            ConnectionTemplates templates,
            Guardrails guardrails,
            GuardrailExceptions guardrailExceptions,
            ConnectionExports exports,
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
        this.upgrades = new UpgradeOffers(templates, lifecycle, this::refresh);
        // refreshed by server push when the connection's runs or health change, on any node
        live.whileAttached(this, change -> id != null && change.connection().equals(id.value()), this::refresh);
        this.lifecycle = lifecycle;
        this.inbound = inbound;
        this.consents = consents;
        this.changes = changes;
        this.templates = templates;
        this.guardrails = guardrails;
        this.guardrailExceptions = guardrailExceptions;
        this.exports = exports;
        this.runs = runs;
        this.health = health;
        this.quarantine = quarantine;
        this.validation = validation;
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
        var actions = new HorizontalLayout(runNow, pause, resume, sendFix, reportSlot);
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
                upgrades,
                guardrailBox,
                actions,
                facts,
                changeBox,
                consent,
                pushedData,
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
        if (reportSlot.getComponentCount() == 0) {
            reportSlot.add(ValidationReportPanel.button(validation, connection.id()));
        }
        int waiting = quarantine.count(QuarantineFilter.of(connection.id()));
        quarantined.setText(waiting + (waiting == 1 ? " record waits" : " records wait") + " in quarantine →");
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
        upgrades.show(connection);
        if (guardrailPanel == null) {
            guardrailPanel =
                    new GuardrailPanel(guardrails, guardrailExceptions, connection, CurrentTenant.setsUpConnections());
            guardrailBox.add(guardrailPanel);
        } else {
            guardrailPanel.show(connection);
        }
        if (spec.can(ConnectorSpec.Capability.CONSENT)) {
            if (consentPanel == null) {
                consentPanel =
                        new ConsentPanel(consents, connection, spec, CurrentTenant.setsUpConnections(), () -> true);
                consent.add(consentPanel);
            }
            consentPanel.refused(refusedAt(stored));
        }
        if (spec.pushed()) {
            showPushedData(connection, spec);
        }
        showChangeActions(connection);
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

    /**
     * Edit, reschedule and delete, for those who set connections up (and Save as template for solutions engineers);
     * support agents operate connections, they do not change them.
     */
    private void showChangeActions(Connection connection) {
        if (!CurrentTenant.setsUpConnections()) {
            return;
        }
        if (changeActions == null) {
            changeActions = new ConnectionChangeActions(
                    connections,
                    changes,
                    exports,
                    connection,
                    () -> runs.linkedRecords(connection.id()),
                    saved -> refresh());
            if (CurrentTenant.member()
                    .filter(member -> member.roles().contains(Role.SOLUTIONS_ENGINEER))
                    .isPresent()) {
                changeActions.add(SaveAsTemplateDialog.button(templates, connection));
            }
            changeBox.add(changeActions);
        } else {
            changeActions.show(connection);
        }
    }

    /** Webhook URL or file upload, and what arrived; built once, refreshed with the page. */
    private void showPushedData(Connection connection, ConnectorSpec spec) {
        if (pushedDataPanel == null) {
            pushedDataPanel = new PushedDataPanel(inbound, connection, spec, this::refresh);
            pushedData.add(
                    new H2(spec.can(ConnectorSpec.Capability.UPLOAD) ? "Upload data" : "Webhooks"), pushedDataPanel);
        } else {
            pushedDataPanel.refresh();
        }
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
