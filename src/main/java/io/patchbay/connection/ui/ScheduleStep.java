package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.GuardrailsBrokenException;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;

/**
 * The last step: how often to sync (a pushed connection syncs when data arrives), what the setup breaks of the
 * template's guardrails, and Activate.
 */
final class ScheduleStep extends VerticalLayout {

    private final ConnectionService connections;
    private final ConnectionLifecycle lifecycle;
    private final SetupFlow flow;
    private final boolean pushed;
    private final IntegerField minutes = new IntegerField("Sync every (minutes)");
    private final Binder<ScheduleForm> binder = new Binder<>();

    ScheduleStep(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            Guardrails guardrails,
            GuardrailExceptions exceptions,
            ConnectorSpec spec,
            SetupFlow flow,
            LiveUpdates live) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.flow = flow;
        this.pushed = spec.pushed();
        configureMinutes();
        var guardrailPanel = new GuardrailPanel(guardrails, exceptions, flow.draft(), true);
        // an exception a solutions engineer approves or denies shows here at once, on any node
        java.util.UUID tenant = io.patchbay.tenancy.CurrentTenant.require().value();
        live.whileAttached(
                guardrailPanel,
                activity -> activity.concerns(tenant, flow.draft().id().value()),
                () -> connections.find(flow.draft().id()).ifPresent(guardrailPanel::show));
        var back = new Button("Back", e -> flow.show(SetupStep.VALIDATE));
        var activate = new Button("Activate", e -> activate());
        activate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (pushed) {
            add(new Paragraph("No schedule: this connection syncs when data arrives. "
                    + (spec.can(Capability.PUSH)
                            ? "Each verified webhook delivery starts a sync at once."
                            : "Each uploaded file starts a sync at once.")));
        } else {
            add(minutes);
        }
        add(
                new Paragraph(
                        pushed
                                ? "Activating tests the connection once more and applies what has arrived so far."
                                : "Activating tests the connection once more, starts the first sync at once and then "
                                        + "syncs on this schedule."),
                // what the saved setup breaks of the template's guardrails, and where each exception stands
                guardrailPanel,
                new HorizontalLayout(back, activate));
        setPadding(false);
        setMaxWidth("40rem");
    }

    private void configureMinutes() {
        String range = "Choose between " + ConnectionService.MIN_SCHEDULE_MINUTES + " and "
                + ConnectionService.MAX_SCHEDULE_MINUTES + " minutes";
        minutes.setMin(ConnectionService.MIN_SCHEDULE_MINUTES);
        minutes.setMax(ConnectionService.MAX_SCHEDULE_MINUTES);
        // the field checks its own bounds first; these are the words it then shows
        minutes.setI18n(new IntegerField.IntegerFieldI18n()
                .setMinErrorMessage(range)
                .setMaxErrorMessage(range)
                .setBadInputErrorMessage("Enter a whole number of minutes")
                .setRequiredErrorMessage("Enter how often to sync, in minutes"));
        minutes.setStepButtonsVisible(true);
        minutes.setRequiredIndicatorVisible(true);
        minutes.setHelperText("From " + ConnectionService.MIN_SCHEDULE_MINUTES + " minutes to a day. "
                + "Run now is always there for the impatient.");
        minutes.setValueChangeMode(ValueChangeMode.EAGER);
        binder.forField(minutes)
                .asRequired("Enter how often to sync, in minutes")
                .withValidator(
                        value -> value >= ConnectionService.MIN_SCHEDULE_MINUTES
                                && value <= ConnectionService.MAX_SCHEDULE_MINUTES,
                        range)
                .bind(form -> form.minutes, (form, value) -> form.minutes = value);
        var form = new ScheduleForm();
        form.minutes = flow.draft().scheduleMinutes();
        binder.readBean(form);
    }

    private void activate() {
        var form = new ScheduleForm();
        if (!pushed && !binder.writeBeanIfValid(form)) {
            binder.validate();
            return;
        }
        try {
            if (!pushed) {
                flow.saved(
                        connections.saveSchedule(flow.draft().id(), flow.draft().version(), form.minutes));
            }
            lifecycle.activate(flow.draft().id(), flow.draft().version());
            getUI().ifPresent(ui -> ui.navigate("connections/" + flow.draft().id()));
        } catch (InvalidSetupException e) {
            // a broken guardrail may name the schedule too, but the wizard lists every rule broken
            if ("scheduleMinutes".equals(e.field()) && !(e instanceof GuardrailsBrokenException)) {
                minutes.setInvalid(true);
                minutes.setErrorMessage(e.getMessage());
            } else {
                flow.refused(e);
            }
        }
    }

    private static final class ScheduleForm {
        Integer minutes = 15;
    }
}
