package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.patchbay.catalog.Template;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionExports;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.StaleConnectionException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What a customer admin (or a solutions engineer) can change on an active or paused connection: its name and settings
 * (tested before they are saved; a secret left blank is kept), its schedule, and deleting it with or without its
 * records. Each dialog works on the version of the connection it opened with, so a change made meanwhile is reported
 * instead of overwritten.
 */
class ConnectionChangeActions extends HorizontalLayout {

    private final ConnectionService connections;
    private final ConnectionChanges changes;
    private final ConnectionExports exports;
    private final Consumer<Connection> changed;
    private Connection connection;
    private final Checkbox pauseOnAnomaly = new Checkbox("Pause when runs look wrong");

    /**
     * @param changed told of the connection as saved after each change
     * @param linkedRecords how many core records the connection links to, for the delete dialog
     */
    public ConnectionChangeActions(
            ConnectionService connections,
            ConnectionChanges changes,
            ConnectionExports exports,
            Connection connection,
            IntSupplier linkedRecords,
            Consumer<Connection> changed) {
        this.connections = connections;
        this.changes = changes;
        this.exports = exports;
        this.connection = connection;
        this.changed = changed;
        var edit = new Button("Edit settings", VaadinIcon.COG.create(), e -> openSettings());
        var mapping = new Button(
                "Edit mapping",
                VaadinIcon.EXCHANGE.create(),
                e -> UI.getCurrent().navigate("connections/" + this.connection.id() + "/mapping"));
        var schedule = new Button("Change schedule", VaadinIcon.CLOCK.create(), e -> openSchedule());
        var delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> openDelete(linkedRecords.getAsInt()));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var export = new Button("Export YAML", VaadinIcon.DOWNLOAD.create(), e -> openExport());
        pauseOnAnomaly.setValue(connection.pauseOnAnomaly());
        pauseOnAnomaly.setTooltipText("Patchbay always tells you when a sync reads far more or fewer records than "
                + "usual, or failures rise; with this on it also pauses the connection until someone resumes it.");
        pauseOnAnomaly.addClassName("pause-on-anomaly");
        pauseOnAnomaly.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                Connection saved =
                        changes.pauseOnAnomaly(this.connection.id(), this.connection.version(), e.getValue());
                this.connection = saved;
                changed.accept(saved);
                Notification.show(
                                e.getValue()
                                        ? "It will be paused when its runs look wrong."
                                        : "It will only be reported when its runs look wrong.")
                        .setPosition(Notification.Position.BOTTOM_START);
            } catch (StaleConnectionException stale) {
                pauseOnAnomaly.setValue(e.getOldValue());
                Notification.show("Someone changed the connection meanwhile: reload the page and try again.")
                        .setPosition(Notification.Position.BOTTOM_START);
            }
        });
        add(edit, mapping, schedule, export, delete, pauseOnAnomaly);
        setWrap(true);
        addClassName("connection-change-actions");
    }

    /**
     * The connection as the page now shows it: the version the next dialog opens on. A dialog already open keeps the
     * version it opened with, so a change someone made meanwhile is reported, not overwritten.
     */
    public void show(Connection current) {
        this.connection = current;
        pauseOnAnomaly.setValue(current.pauseOnAnomaly());
    }

    private void openSettings() {
        Connection opened = connection;
        var dialog = new Dialog();
        dialog.setHeaderTitle("Edit settings of " + opened.name());
        var name = new TextField("Connection name");
        name.setValue(opened.name());
        name.setWidthFull();
        var locked = connections.template(opened).map(Template::locked).orElse(java.util.Set.of());
        var form = new ConnectorSettingsForm(
                connections.spec(opened),
                opened.settings(),
                opened.secretHints(),
                locked,
                (values, secrets) ->
                        connections.problems(opened.id(), new ConnectionDetails(name.getValue(), values, secrets)));
        var result = new Div();
        result.addClassName("dialog-error");
        result.getElement().setAttribute("role", "alert");
        var body = new VerticalLayout(
                new Paragraph("Patchbay tests the new settings against the system before saving them; nothing is saved "
                        + "if the test fails. Leave a secret blank to keep the stored one."),
                result,
                name,
                form);
        body.setPadding(false);
        dialog.add(body);
        dialog.setWidth("min(40rem, 95vw)");
        var save = new Button("Test and save", e -> {
            if (!form.validate()) {
                return;
            }
            result.setText("");
            var details = new ConnectionDetails(name.getValue(), form.values(), form.secrets());
            attempt(dialog, () -> changes.editSettings(opened.id(), opened.version(), details), problem -> {
                if ("name".equals(problem.field())) {
                    name.setErrorMessage(problem.getMessage());
                    name.setInvalid(true);
                } else if (!form.show(problem.field(), problem.getMessage())) {
                    result.setText(problem.getMessage());
                    result.getElement().callJsFunction("scrollIntoView");
                }
            });
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openExport() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("YAML of " + connection.name());
        var yaml = new TextArea("Connection YAML");
        yaml.addClassName("template-yaml");
        yaml.setValue(exports.export(connection.id()));
        yaml.setReadOnly(true);
        yaml.setWidthFull();
        yaml.setHelperText(
                "Its whole configuration; secrets by name only. Import YAML on the Integrations page makes a "
                        + "setup from it, here or in another organisation.");
        dialog.add(yaml);
        dialog.setWidth("min(44rem, 95vw)");
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void openSchedule() {
        Connection opened = connection;
        var dialog = new Dialog();
        dialog.setHeaderTitle("Change schedule of " + opened.name());
        var minutes = new IntegerField("Sync every (minutes)");
        minutes.setMin(ConnectionService.MIN_SCHEDULE_MINUTES);
        minutes.setMax(ConnectionService.MAX_SCHEDULE_MINUTES);
        minutes.setStepButtonsVisible(true);
        minutes.setValue(opened.scheduleMinutes());
        minutes.setHelperText("From " + ConnectionService.MIN_SCHEDULE_MINUTES + " to "
                + ConnectionService.MAX_SCHEDULE_MINUTES + " minutes; the next sync follows the new schedule.");
        minutes.setWidthFull();
        dialog.add(minutes);
        dialog.setWidth("min(28rem, 95vw)");
        var save = new Button("Save schedule", e -> {
            Integer value = minutes.getValue();
            if (value == null) {
                minutes.setErrorMessage("Enter a number of minutes.");
                minutes.setInvalid(true);
                return;
            }
            attempt(dialog, () -> connections.saveSchedule(opened.id(), opened.version(), value), problem -> {
                minutes.setErrorMessage(problem.getMessage());
                minutes.setInvalid(true);
            });
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openDelete(int linkedRecords) {
        Connection opened = connection;
        var dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + opened.name() + "?");
        var records = new RadioButtonGroup<Boolean>("Its " + linkedRecords + " records in the core product");
        records.setItems(false, true);
        records.setItemLabelGenerator(remove ->
                remove ? "Remove them (records other connections also bring stay)" : "Keep them, no longer updated");
        records.setValue(false);
        var confirm = new TextField("Type the connection's name to confirm");
        confirm.setWidthFull();
        var body = new VerticalLayout(
                new Paragraph("Its schedule, runs and checkpoints are deleted, and the system is told to stop sending "
                        + "to it where it can be. This cannot be undone."),
                records,
                confirm);
        body.setPadding(false);
        dialog.add(body);
        dialog.setWidth("min(32rem, 95vw)");
        var delete = new Button("Delete connection", e -> {
            if (!opened.name().equals(confirm.getValue().trim())) {
                confirm.setErrorMessage("Type " + opened.name() + " exactly.");
                confirm.setInvalid(true);
                return;
            }
            try {
                Optional<String> warning = changes.delete(opened.id(), opened.version(), records.getValue());
                dialog.close();
                String message = "Deleted " + opened.name() + "."
                        + warning.map(w -> " The system could not be told: " + w)
                                .orElse("");
                Notification.show(message, 6000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                UI.getCurrent().navigate("");
            } catch (StaleConnectionException stale) {
                confirm.setErrorMessage(stale.getMessage());
                confirm.setInvalid(true);
            }
        });
        delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.open();
    }

    /** Saves, closing the dialog and passing the saved connection on; a problem goes to {@code problems}. */
    private void attempt(
            Dialog dialog, java.util.function.Supplier<Connection> save, Consumer<InvalidSetupException> problems) {
        try {
            connection = save.get();
            dialog.close();
            Notification.show("Saved.", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.accept(connection);
        } catch (InvalidSetupException problem) {
            // a stale version ("version") has no field of its own: it shows where the form's general errors do
            problems.accept(problem);
        }
    }
}
