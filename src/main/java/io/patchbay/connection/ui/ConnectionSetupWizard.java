package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.GuardrailsBrokenException;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;
import io.patchbay.connection.StaleConnectionException;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxCrm;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The guided setup: connection details with Test connection, the template's field mapping, the schedule, then
 * Activate. Each step is saved as it is left, so a half-done setup waits as a draft.
 */
@Route("connections/:connectionId/setup")
@PageTitle("Set up integration · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class ConnectionSetupWizard extends VerticalLayout implements BeforeEnterObserver {

    private final ConnectionService connections;
    private final ConnectionLifecycle lifecycle;
    private final InboundService inbound;
    private final ConnectorCatalog catalog;
    private final ObjectProvider<SandboxCrm> sandbox;
    private final ObjectProvider<SandboxBilling> sandboxBilling;
    private final ConsentService consents;
    private final ObjectProvider<SandboxCalendar> sandboxCalendar;
    private final ConnectionMappings mappings;
    private final Guardrails guardrails;
    private final GuardrailExceptions guardrailExceptions;
    private final TemplateLibrary library;

    private final H1 title = new H1();
    private final Tabs steps = new Tabs();
    private final Map<SetupStep, Tab> tabs = new EnumMap<>(SetupStep.class);
    private final Div content = new Div();
    private final Div banner = new Div();

    private final TextField name = new TextField("Connection name");
    private final Div testResult = new Div();
    private @Nullable ConnectorSettingsForm settingsForm;
    private final IntegerField scheduleMinutes = new IntegerField("Sync every (minutes)");
    private final Binder<NameForm> details = new Binder<>();
    private final Binder<ScheduleForm> schedule = new Binder<>();

    private @Nullable Connection connection;
    private @Nullable Template template;
    private SetupStep currentStep = SetupStep.DETAILS;

    ConnectionSetupWizard(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            InboundService inbound,
            ConnectorCatalog catalog,
            ObjectProvider<SandboxCrm> sandbox,
            ObjectProvider<SandboxBilling> sandboxBilling,
            ConsentService consents,
            ObjectProvider<SandboxCalendar> sandboxCalendar,
            ConnectionMappings mappings,
            TemplateLibrary library,
            Guardrails guardrails,
            GuardrailExceptions guardrailExceptions) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.inbound = inbound;
        this.catalog = catalog;
        this.sandbox = sandbox;
        this.sandboxBilling = sandboxBilling;
        this.consents = consents;
        this.sandboxCalendar = sandboxCalendar;
        this.mappings = mappings;
        this.guardrails = guardrails;
        this.guardrailExceptions = guardrailExceptions;
        this.library = library;
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
        configureDetailsForm();
        configureScheduleForm();
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
        var form = new NameForm();
        form.name = connection.name();
        details.readBean(form);
        Connection draft = connection;
        settingsForm = new ConnectorSettingsForm(
                connections.spec(draft),
                draft.settings(),
                draft.secretHints(),
                template == null ? java.util.Set.of() : template.locked(),
                (values, secrets) ->
                        connections.problems(draft.id(), new ConnectionDetails(name.getValue(), values, secrets)));
        // demo profile: the credentials of the tenant's own sandbox account, as its Sandbox systems page shows them
        SandboxCrm crm = sandbox.getIfAvailable();
        if (crm != null
                && (draft.setting("apiUrl").equals(crm.apiUrl())
                        || draft.setting("baseUrl").equals(crm.baseUrl()))) {
            settingsForm.prefill("apiKey", crm.apiKey());
        }
        SandboxBilling billing = sandboxBilling.getIfAvailable();
        if (billing != null && draft.setting("baseUrl").equals(billing.baseUrl())) {
            settingsForm.prefill("clientId", billing.clientId());
            settingsForm.prefill("clientSecret", billing.clientSecret());
        }
        SandboxCalendar calendar = sandboxCalendar.getIfAvailable();
        if (calendar != null && draft.setting("baseUrl").equals(calendar.baseUrl())) {
            settingsForm.prefill("clientId", calendar.clientId());
            settingsForm.prefill("clientSecret", calendar.clientSecret());
        }
        if (billing != null && spec().can(Capability.PUSH)) {
            billing.webhookEndpoint(inbound.webhookUrl(draft.id()))
                    .flatMap(endpoint -> billing.webhookSecret(endpoint.id()))
                    .ifPresent(secret -> settingsForm.prefill("signingSecret", secret));
        }
        var scheduleForm = new ScheduleForm();
        scheduleForm.minutes = connection.scheduleMinutes();
        schedule.readBean(scheduleForm);
        // back from the provider: the details step shows how the consent ended
        show(ConsentPanel.session().hasAnswer(draft.id()) ? SetupStep.DETAILS : connection.setupStep());
    }

    private void configureDetailsForm() {
        name.setRequiredIndicatorVisible(true);
        name.setHelperText("How this connection is listed in the hub");
        name.setValueChangeMode(ValueChangeMode.ON_BLUR);
        details.forField(name)
                .withValidator(
                        value -> value != null
                                && value.trim().length() >= 3
                                && value.trim().length() <= 80,
                        "Give the connection a name of 3 to 80 characters")
                .bind(form -> form.name, (form, value) -> form.name = value);
        testResult.addClassName("test-result");
        testResult.setVisible(false);
    }

    private void configureScheduleForm() {
        String range = "Choose between " + ConnectionService.MIN_SCHEDULE_MINUTES + " and "
                + ConnectionService.MAX_SCHEDULE_MINUTES + " minutes";
        scheduleMinutes.setMin(ConnectionService.MIN_SCHEDULE_MINUTES);
        scheduleMinutes.setMax(ConnectionService.MAX_SCHEDULE_MINUTES);
        // the field checks its own bounds first; these are the words it then shows
        scheduleMinutes.setI18n(new IntegerField.IntegerFieldI18n()
                .setMinErrorMessage(range)
                .setMaxErrorMessage(range)
                .setBadInputErrorMessage("Enter a whole number of minutes")
                .setRequiredErrorMessage("Enter how often to sync, in minutes"));
        scheduleMinutes.setStepButtonsVisible(true);
        scheduleMinutes.setRequiredIndicatorVisible(true);
        scheduleMinutes.setHelperText("From " + ConnectionService.MIN_SCHEDULE_MINUTES + " minutes to a day. "
                + "Run now is always there for the impatient.");
        scheduleMinutes.setValueChangeMode(ValueChangeMode.EAGER);
        schedule.forField(scheduleMinutes)
                .asRequired("Enter how often to sync, in minutes")
                .withValidator(
                        value -> value >= ConnectionService.MIN_SCHEDULE_MINUTES
                                && value <= ConnectionService.MAX_SCHEDULE_MINUTES,
                        range)
                .bind(form -> form.minutes, (form, value) -> form.minutes = value);
    }

    private void show(SetupStep step) {
        currentStep = step;
        tabs.forEach((s, tab) -> tab.setEnabled(connection != null && s.compareTo(connection.setupStep()) <= 0));
        steps.setSelectedTab(tabs.get(step));
        content.removeAll();
        content.add(
                switch (step) {
                    case DETAILS -> detailsStep();
                    case MAPPING -> mappingStep();
                    case SCHEDULE -> scheduleStep();
                });
    }

    private Component detailsStep() {
        var test = new Button("Test connection", e -> testConnection());
        var next = new Button("Next: field mapping", e -> saveDetails());
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new VerticalLayout(name);
        if (spec().can(Capability.PUSH)) {
            form.add(new PushedDataPanel(inbound, requireConnection(), spec(), () -> {}));
            sandboxRegistration().ifPresent(form::add);
        }
        form.add(requireSettingsForm());
        if (spec().can(Capability.CONSENT)) {
            form.add(new ConsentPanel(consents, requireConnection(), spec(), true, this::saveBeforeConsent));
        }
        form.add(test, testResult, new HorizontalLayout(next));
        form.setPadding(false);
        form.setMaxWidth("40rem");
        name.setWidthFull();
        return form;
    }

    private Component mappingStep() {
        if (template != null && template.stream() == null) {
            return streamStep();
        }
        if (spec().can(Capability.UPLOAD)) {
            return uploadStep();
        }
        var back = new Button("Back", e -> show(SetupStep.DETAILS));
        var next = new Button("Next: schedule", e -> {
            connection = connections.goToStep(requireConnection().id(), SetupStep.SCHEDULE);
            show(SetupStep.SCHEDULE);
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var current = mappings.current(requireConnection());
        var edit = new Button(
                "Edit mapping",
                e -> getUI().ifPresent(ui ->
                        ui.navigate("connections/" + requireConnection().id() + "/mapping")));
        edit.setVisible(current.subject().isPresent() && current.expression() != null);
        var layout = new VerticalLayout(
                new MappingPanel(
                        current,
                        java.util.Objects.requireNonNullElse(requireTemplate().stream(), "source"),
                        systemName(),
                        requireTemplate().reference()),
                new HorizontalLayout(back, edit, next));
        layout.setPadding(false);
        layout.setMaxWidth("48rem");
        return layout;
    }

    /** For templates that copy a stream as it is: the admin chooses which one (a database table, say). */
    private Component streamStep() {
        var table = new Select<String>();
        table.setLabel("Table");
        table.setHelperText(
                "Tables with a single-column primary key; those with an updated_at column sync incrementally");
        table.setWidth("24rem");
        var layout = new VerticalLayout();
        layout.setPadding(false);
        layout.setMaxWidth("48rem");
        try {
            table.setItems(connections.streams(requireConnection().id()).stream()
                    .map(io.patchbay.catalog.spi.ConnectorSpec.StreamSpec::name)
                    .toList());
            if (requireConnection().stream() != null) {
                table.setValue(requireConnection().stream());
            }
        } catch (io.patchbay.catalog.spi.ConnectorException e) {
            banner.setText(e.error().message() + " " + e.error().fix());
            banner.setVisible(true);
        }
        var back = new Button("Back", e -> show(SetupStep.DETAILS));
        var next = new Button("Next: schedule", e -> {
            if (table.isEmpty()) {
                table.setErrorMessage("Choose the table to sync");
                table.setInvalid(true);
                return;
            }
            try {
                connections.chooseStream(
                        requireConnection().id(), requireConnection().version(), table.getValue());
                connection = connections.goToStep(requireConnection().id(), SetupStep.SCHEDULE);
                show(SetupStep.SCHEDULE);
            } catch (StaleConnectionException error) {
                showFieldError(error);
            } catch (InvalidSetupException error) {
                table.setErrorMessage(error.getMessage());
                table.setInvalid(true);
            }
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        layout.add(
                new Paragraph("Every column of the table is copied as it is into core records named after the table."),
                table,
                new HorizontalLayout(back, next));
        return layout;
    }

    /** For connectors that take files: upload one now, see how it reads, and its rows sync on activation. */
    private Component uploadStep() {
        var back = new Button("Back", e -> show(SetupStep.DETAILS));
        var next = new Button("Next: schedule", e -> {
            connection = connections.goToStep(requireConnection().id(), SetupStep.SCHEDULE);
            show(SetupStep.SCHEDULE);
        });
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var layout = new VerticalLayout(
                new Paragraph("Upload a file to see how Patchbay reads it. Every column is copied as it is into core "
                        + "records named '" + (template == null ? "row" : template.entity()) + "', keyed by the key "
                        + "column; the rows sync when you activate. Until then, a new upload replaces this one."),
                new PushedDataPanel(inbound, requireConnection(), spec(), () -> {}),
                new HorizontalLayout(back, next));
        layout.setPadding(false);
        layout.setMaxWidth("56rem");
        return layout;
    }

    private Component scheduleStep() {
        var back = new Button("Back", e -> show(SetupStep.MAPPING));
        var activate = new Button("Activate", e -> activate());
        activate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        boolean pushed = spec().pushed();
        var layout = new VerticalLayout(
                pushed
                        ? new Paragraph("No schedule: this connection syncs when data arrives. "
                                + (spec().can(Capability.PUSH)
                                        ? "Each verified webhook delivery starts a sync at once."
                                        : "Each uploaded file starts a sync at once."))
                        : scheduleMinutes,
                new Paragraph(
                        pushed
                                ? "Activating tests the connection once more and applies what has arrived so far."
                                : "Activating tests the connection once more, starts the first sync at once and then syncs on this schedule."),
                // what the saved setup breaks of the template's guardrails, and where each exception stands
                new GuardrailPanel(guardrails, guardrailExceptions, requireConnection(), true),
                new HorizontalLayout(back, activate));
        layout.setPadding(false);
        layout.setMaxWidth("40rem");
        return layout;
    }

    private void testConnection() {
        if (!formValid()) {
            return;
        }
        CheckResult result = connections.testConnection(requireConnection().id(), currentDetails());
        testResult.removeAll();
        testResult.setVisible(true);
        testResult.getElement().setAttribute("data-outcome", result.success() ? "success" : "failure");
        if (result.success()) {
            testResult.add(new Span("✓ " + result.summary()));
        } else {
            var error = result.failure().orElseThrow();
            var label = new Span(error.errorClass().label());
            label.addClassName("error-class");
            testResult.add(label, new Paragraph(error.message()), new Paragraph("How to fix it: " + error.fix()));
        }
    }

    private void saveDetails() {
        if (!formValid()) {
            return;
        }
        try {
            connection = connections.saveDetails(
                    requireConnection().id(), requireConnection().version(), currentDetails());
            requireSettingsForm().storedSecrets(connection.secretHints());
            show(SetupStep.MAPPING);
        } catch (InvalidSetupException e) {
            showFieldError(e);
        }
    }

    /** The consent uses the saved settings (the client at the provider), so the form is saved first. */
    private boolean saveBeforeConsent() {
        if (!formValid()) {
            return false;
        }
        try {
            connection = connections.saveDetails(
                    requireConnection().id(), requireConnection().version(), currentDetails());
            return true;
        } catch (InvalidSetupException e) {
            showFieldError(e);
            return false;
        }
    }

    private void activate() {
        var form = new ScheduleForm();
        boolean pushed = spec().pushed();
        if (!pushed && !schedule.writeBeanIfValid(form)) {
            schedule.validate();
            return;
        }
        try {
            ConnectionId id = requireConnection().id();
            if (!pushed) {
                connection = connections.saveSchedule(id, requireConnection().version(), form.minutes);
            }
            lifecycle.activate(id, requireConnection().version());
            getUI().ifPresent(ui -> ui.navigate("connections/" + id));
        } catch (InvalidSetupException e) {
            showFieldError(e);
        }
    }

    private void showFieldError(InvalidSetupException e) {
        if (e instanceof GuardrailsBrokenException) {
            // the schedule step lists each broken rule with where its exception stands: show it as saved now
            connections.find(requireConnection().id()).ifPresent(saved -> connection = saved);
            show(SetupStep.SCHEDULE);
            banner.setText("Cannot activate yet: the setup breaks the template's guardrails listed below. Change it to "
                    + "meet them, or ask for an exception; a solutions engineer decides.");
            banner.setVisible(true);
            return;
        }
        if (e instanceof StaleConnectionException) {
            banner.removeAll();
            var reload = new Button(
                    "Reload", click -> getUI().ifPresent(ui -> ui.getPage().reload()));
            reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
            banner.add(new Span(e.getMessage() + " "), reload);
            banner.setVisible(true);
            return;
        }
        switch (e.field()) {
            case "name" -> {
                name.setInvalid(true);
                name.setErrorMessage(e.getMessage());
            }
            case "scheduleMinutes" -> {
                scheduleMinutes.setInvalid(true);
                scheduleMinutes.setErrorMessage(e.getMessage());
            }
            default -> {
                if (!requireSettingsForm().show(e.field(), e.getMessage())) {
                    banner.setText("Cannot activate yet: " + e.getMessage());
                    banner.setVisible(true);
                }
            }
        }
    }

    /**
     * Demo profile, the sandbox billing template: registers the webhook URL with the sandbox billing system, which
     * answers with the secret it will sign with, as a real provider's webhook settings page would.
     */
    private java.util.Optional<Component> sandboxRegistration() {
        SandboxBilling billing = sandboxBilling.getIfAvailable();
        if (billing == null || template == null || !template.id().startsWith("sandbox-billing")) {
            return java.util.Optional.empty();
        }
        var refused = new Span();
        refused.addClassName("field-error");
        refused.setVisible(false);
        var register = new Button("Register this URL with Sandbox Billing", e -> {
            try {
                var endpoint = billing.addWebhookEndpoint(
                        inbound.webhookUrl(requireConnection().id()));
                billing.webhookSecret(endpoint.id())
                        .ifPresent(secret -> requireSettingsForm().prefill("signingSecret", secret));
                refused.setVisible(false);
                e.getSource().setText("Registered: its signing secret is filled in below");
                e.getSource().setEnabled(false);
            } catch (IllegalArgumentException error) {
                // the billing system sends through the egress guard, which refuses this hub's address
                refused.setText("Sandbox Billing cannot send to this URL: " + error.getMessage());
                refused.setVisible(true);
            }
        });
        var layout = new VerticalLayout(register, refused);
        layout.setPadding(false);
        layout.setSpacing(false);
        return java.util.Optional.of(layout);
    }

    private ConnectorSpec spec() {
        return connections.spec(requireConnection());
    }

    private String systemName() {
        return template == null
                ? "source"
                : catalog.connector(template.connector())
                        .map(c -> c.spec().displayName())
                        .orElse("source");
    }

    private Template requireTemplate() {
        if (template == null) {
            throw new IllegalStateException("No template loaded");
        }
        return template;
    }

    private Connection requireConnection() {
        if (connection == null) {
            throw new IllegalStateException("No draft loaded");
        }
        return connection;
    }

    private SetupStep stepOf(Tab tab) {
        return tabs.entrySet().stream()
                .filter(e -> e.getValue() == tab)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(SetupStep.DETAILS);
    }

    private boolean formValid() {
        boolean nameValid = details.validate().isOk();
        return requireSettingsForm().validate() && nameValid;
    }

    private ConnectionDetails currentDetails() {
        return new ConnectionDetails(
                name.getValue(),
                requireSettingsForm().values(),
                requireSettingsForm().secrets());
    }

    private ConnectorSettingsForm requireSettingsForm() {
        if (settingsForm == null) {
            throw new IllegalStateException("No draft loaded");
        }
        return settingsForm;
    }

    /** The details step's own field; the connector's fields live in {@link ConnectorSettingsForm}. */
    static final class NameForm {
        String name = "";
    }

    static final class ScheduleForm {
        Integer minutes = 15;
    }
}
