package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.SetupAssist;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.GuardrailsBrokenException;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;
import io.patchbay.connection.StaleConnectionException;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The guided setup: connection details with Test connection, the template's field mapping, a validation dry run, the
 * schedule, then Activate. Each step is its own component; the wizard sequences them and says what none of them can. Each step is
 * saved as it is left, so a half-done setup waits as a draft.
 */
@Route("connections/:connectionId/setup")
@PageTitle("Set up integration · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class ConnectionSetupWizard extends VerticalLayout implements BeforeEnterObserver, SetupFlow {

    private final ConnectionService connections;
    private final ConnectionLifecycle lifecycle;
    private final InboundService inbound;
    private final ConnectorCatalog catalog;
    private final ConsentService consents;
    private final ConnectionMappings mappings;
    private final Guardrails guardrails;
    private final GuardrailExceptions guardrailExceptions;
    private final TemplateLibrary library;
    private final List<SetupAssist> assists;
    private final ConnectionValidation validation;
    private final LiveUpdates live;

    private final H1 title = new H1();
    private final Tabs steps = new Tabs();
    private final Map<SetupStep, Tab> tabs = new EnumMap<>(SetupStep.class);
    private final Div content = new Div();
    private final Div banner = new Div();

    private @Nullable Connection connection;
    private @Nullable Template template;
    /** Kept while the page is open, so what was typed there survives going to the next step and back. */
    private @Nullable DetailsStep details;

    private SetupStep currentStep = SetupStep.DETAILS;

    ConnectionSetupWizard(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            InboundService inbound,
            ConnectorCatalog catalog,
            ConsentService consents,
            ConnectionMappings mappings,
            TemplateLibrary library,
            Guardrails guardrails,
            GuardrailExceptions guardrailExceptions,
            List<SetupAssist> assists,
            ConnectionValidation validation,
            LiveUpdates live) {
        this.live = live;
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.inbound = inbound;
        this.catalog = catalog;
        this.consents = consents;
        this.mappings = mappings;
        this.guardrails = guardrails;
        this.guardrailExceptions = guardrailExceptions;
        this.library = library;
        this.assists = assists;
        this.validation = validation;
        addClassName("connection-setup-wizard");
        for (SetupStep step : SetupStep.values()) {
            Tab tab = new Tab((step.ordinal() + 1) + ". " + step.label());
            tabs.put(step, tab);
            steps.add(tab);
        }
        steps.addSelectedChangeListener(event -> {
            if (event.isFromClient() && connection != null) {
                SetupStep step = stepOf(event.getSelectedTab());
                if (step.compareTo(connection.setupStep()) <= 0) {
                    show(step);
                } else {
                    steps.setSelectedTab(tabs.get(currentStep));
                }
            }
        });
        content.setWidthFull();
        banner.addClassName("wizard-banner");
        banner.setVisible(false);
        add(title, steps, banner, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        connection = event.getRouteParameters()
                .get("connectionId")
                .flatMap(ConnectionId::parse)
                .flatMap(connections::find)
                .filter(Connection::isDraft)
                .orElse(null);
        if (connection == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        template = library.find(connection.templateId(), connection.templateVersion())
                .orElse(null);
        title.setText("Set up " + (template == null ? connection.name() : template.name()));
        // back from the provider: the details step shows how the consent ended (its panel takes the answer)
        SetupStep first =
                ConsentPanel.session().hasAnswer(connection.id()) ? SetupStep.DETAILS : connection.setupStep();
        details = new DetailsStep(
                connections,
                inbound,
                consents,
                assists,
                template == null ? java.util.Set.of() : template.locked(),
                this);
        show(first);
    }

    @Override
    public Connection draft() {
        if (connection == null) {
            throw new IllegalStateException("No draft loaded");
        }
        return connection;
    }

    @Override
    public void saved(Connection draft) {
        connection = draft;
    }

    @Override
    public void show(SetupStep step) {
        currentStep = step;
        tabs.forEach((s, tab) -> tab.setEnabled(connection != null && s.compareTo(connection.setupStep()) <= 0));
        steps.setSelectedTab(tabs.get(step));
        content.removeAll();
        content.add(
                switch (step) {
                    case DETAILS -> java.util.Objects.requireNonNull(details);
                    case MAPPING -> mappingStep();
                    case VALIDATE -> new ValidateStep(validation, this, live);
                    case SCHEDULE ->
                        new ScheduleStep(connections, lifecycle, guardrails, guardrailExceptions, spec(), this, live);
                });
    }

    @Override
    public void advance(SetupStep step) {
        connection = connections.goToStep(draft().id(), step);
        show(step);
    }

    @Override
    public void refused(InvalidSetupException e) {
        banner.removeAll();
        banner.setVisible(true);
        if (e instanceof GuardrailsBrokenException) {
            // the schedule step lists each broken rule with where its exception stands: show it as saved now
            connections.find(draft().id()).ifPresent(this::saved);
            show(SetupStep.SCHEDULE);
            banner.setText("Cannot activate yet: the setup breaks the template's guardrails listed below. Change it to "
                    + "meet them, or ask for an exception; a solutions engineer decides.");
        } else if (e instanceof StaleConnectionException) {
            var reload = new Button(
                    "Reload", click -> getUI().ifPresent(ui -> ui.getPage().reload()));
            reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
            banner.add(new Span(e.getMessage() + " "), reload);
        } else {
            banner.setText("Cannot activate yet: " + e.getMessage());
        }
    }

    private Component mappingStep() {
        Template chosen = requireTemplate();
        if (chosen.stream() == null) {
            return new StreamStep(connections, this);
        }
        if (spec().can(Capability.UPLOAD)) {
            return MappingStep.upload(inbound, chosen, spec(), this);
        }
        return MappingStep.mapping(mappings, chosen, systemName(chosen), this);
    }

    private ConnectorSpec spec() {
        return connections.spec(draft());
    }

    private String systemName(Template chosen) {
        return catalog.connector(chosen.connector())
                .map(c -> c.spec().displayName())
                .orElse("source");
    }

    private Template requireTemplate() {
        if (template == null) {
            throw new IllegalStateException("No template loaded");
        }
        return template;
    }

    private SetupStep stepOf(Tab tab) {
        return tabs.entrySet().stream()
                .filter(e -> e.getValue() == tab)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(SetupStep.DETAILS);
    }
}
