package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.base.PersonalData;
import io.patchbay.catalog.SetupAssist;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first step: the connection's name and the connector's settings, with Test connection, what the system on the
 * other end can do for the setup ({@link SetupAssist}), and the person's consent where the connector needs one.
 */
final class DetailsStep extends VerticalLayout {

    private final ConnectionService connections;
    private final SetupFlow flow;
    private final TextField name = new TextField("Connection name");
    private final Binder<NameForm> binder = new Binder<>();
    private final ConnectorSettingsForm settings;
    private final Div testResult = new Div();

    DetailsStep(
            ConnectionService connections,
            InboundService inbound,
            ConsentService consents,
            List<SetupAssist> assists,
            Set<String> locked,
            SetupFlow flow) {
        this.connections = connections;
        this.flow = flow;
        Connection draft = flow.draft();
        ConnectorSpec spec = connections.spec(draft);
        configureName(draft);
        settings = new ConnectorSettingsForm(
                spec,
                draft.settings(),
                draft.secretHints(),
                locked,
                (values, secrets) ->
                        connections.problems(draft.id(), new ConnectionDetails(name.getValue(), values, secrets)));
        var assisted = new SetupAssist.Draft(
                draft.templateId(),
                draft.connector(),
                draft.settings(),
                spec.can(Capability.PUSH) ? Optional.of(inbound.webhookUrl(draft.id())) : Optional.empty());
        assists.forEach(assist -> assist.prefill(assisted).forEach(settings::prefill));

        add(name);
        if (spec.can(Capability.PUSH)) {
            add(new PushedDataPanel(inbound, draft, spec, () -> {}));
            assists.stream()
                    .flatMap(assist -> assist.actions(assisted).stream())
                    .map(this::actionButton)
                    .forEach(this::add);
        }
        add(settings);
        if (spec.can(Capability.CONSENT)) {
            add(new ConsentPanel(consents, draft, spec, true, this::saveBeforeConsent));
        }
        var test = new Button("Test connection", e -> testConnection());
        var next = new Button("Next: field mapping", e -> save());
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        testResult.addClassName("test-result");
        testResult.setVisible(false);
        add(test, testResult, new HorizontalLayout(next));
        setPadding(false);
        setMaxWidth("40rem");
    }

    private void configureName(Connection draft) {
        name.setRequiredIndicatorVisible(true);
        name.setHelperText("How this connection is listed in the hub");
        name.setValueChangeMode(ValueChangeMode.ON_BLUR);
        name.setWidthFull();
        binder.forField(name)
                .withValidator(
                        value -> value != null
                                && value.trim().length() >= 3
                                && value.trim().length() <= 80,
                        "Give the connection a name of 3 to 80 characters")
                .bind(form -> form.name, (form, value) -> form.name = value);
        var form = new NameForm();
        form.name = draft.name();
        binder.readBean(form);
    }

    /** A step the other system offers; when done, what it gives is filled in and the button says so. */
    private VerticalLayout actionButton(SetupAssist.Action action) {
        var refused = new Span();
        refused.addClassName("field-error");
        refused.setVisible(false);
        var button = new Button(action.label(), e -> {
            SetupAssist.Outcome outcome = action.run().get();
            if (outcome.done()) {
                outcome.fill().forEach(settings::prefill);
                e.getSource().setText(outcome.summary());
                e.getSource().setEnabled(false);
            }
            refused.setText(outcome.done() ? "" : outcome.summary());
            refused.setVisible(!outcome.done());
        });
        var layout = new VerticalLayout(button, refused);
        layout.setPadding(false);
        layout.setSpacing(false);
        return layout;
    }

    private void testConnection() {
        if (!valid()) {
            return;
        }
        CheckResult result = connections.testConnection(flow.draft().id(), details());
        testResult.removeAll();
        testResult.setVisible(true);
        testResult.getElement().setAttribute("data-outcome", result.success() ? "success" : "failure");
        if (result.success()) {
            testResult.add(new Span("✓ " + result.summary()));
        } else {
            var error = result.failure().orElseThrow();
            var label = new Span(error.errorClass().label());
            label.addClassName("error-class");
            testResult.add(
                    label,
                    new Paragraph(PersonalData.mask(error.message())),
                    new Paragraph("How to fix it: " + error.fix()));
        }
    }

    private void save() {
        if (saveBeforeConsent()) {
            settings.storedSecrets(flow.draft().secretHints());
            flow.show(SetupStep.MAPPING);
        }
    }

    /** Saves the form; the consent also uses the saved settings (the client at the provider), so it saves first. */
    private boolean saveBeforeConsent() {
        if (!valid()) {
            return false;
        }
        try {
            flow.saved(connections.saveDetails(flow.draft().id(), flow.draft().version(), details()));
            return true;
        } catch (InvalidSetupException e) {
            show(e);
            return false;
        }
    }

    /** Marks the field a refusal names, or hands it to the wizard when it names none of this step's. */
    private void show(InvalidSetupException e) {
        if ("name".equals(e.field())) {
            name.setInvalid(true);
            name.setErrorMessage(e.getMessage());
        } else if (!settings.show(e.field(), e.getMessage())) {
            flow.refused(e);
        }
    }

    private boolean valid() {
        boolean nameValid = binder.validate().isOk();
        return settings.validate() && nameValid;
    }

    private ConnectionDetails details() {
        return new ConnectionDetails(name.getValue(), settings.values(), settings.secrets());
    }

    private static final class NameForm {
        String name = "";
    }
}
