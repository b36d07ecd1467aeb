package io.patchbay.schema.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.patchbay.schema.IncompatibleSchemaException;
import io.patchbay.schema.InvalidSchemaException;
import io.patchbay.schema.SchemaChange;
import io.patchbay.schema.SchemaSubject;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.schema.SchemaVersions;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering a subject's next version: the newest schema to start from, Check to read what changes (and what the
 * subject's compatibility mode refuses), and Register, which checks again against what is stored.
 */
final class RegisterVersionDialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegisterVersionDialog() {}

    static void open(SchemaVersions versions, SchemaSubject subject, Consumer<SchemaVersion> registered) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(
                "Register " + subject.name() + " v" + (subject.versions().size() + 1));
        var schema = new TextArea("JSON Schema");
        schema.setValue(JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(subject.latest().schema()));
        schema.setWidthFull();
        schema.setHeight("22rem");
        schema.addClassName("mapping-expression");
        var notes = new TextField("What this version changes, and why");
        notes.setWidthFull();
        notes.setRequiredIndicatorVisible(true);
        notes.addValueChangeListener(e -> notes.setInvalid(false));
        schema.addValueChangeListener(e -> schema.setInvalid(false));
        var changes = new Div();
        changes.addClassName("schema-check");
        var check = new Button(
                "Check", e -> show(changes, () -> versions.preview(subject.name(), schema.getValue()), schema));
        var register = new Button("Register", e -> {
            try {
                SchemaVersion version = versions.register(subject.name(), schema.getValue(), notes.getValue());
                dialog.close();
                registered.accept(version);
            } catch (InvalidSchemaException problem) {
                var field = "notes".equals(problem.field()) ? notes : null;
                if (field != null) {
                    field.setErrorMessage(problem.getMessage());
                    field.setInvalid(true);
                } else {
                    schema.setErrorMessage(problem.getMessage());
                    schema.setInvalid(true);
                }
            } catch (IncompatibleSchemaException refused) {
                refused(changes, refused);
            }
        });
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(
                new Paragraph(subject.compatibility().label() + " compatible: "
                        + subject.compatibility().meaning()
                        + " Records are checked against the new version as soon as it is registered."),
                schema,
                notes,
                changes);
        dialog.setWidth("min(48rem, 95vw)");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), check, register);
        dialog.open();
    }

    private static void show(Div changes, java.util.function.Supplier<List<SchemaChange>> preview, TextArea schema) {
        changes.removeAll();
        schema.setInvalid(false);
        try {
            List<SchemaChange> found = preview.get();
            if (found.isEmpty()) {
                changes.add(new Paragraph("Nothing changes from the newest version."));
                return;
            }
            changes.add(new Paragraph("This version can be registered. What changes:"));
            found.forEach(change -> changes.add(SchemaRegistryView.change(change)));
        } catch (InvalidSchemaException problem) {
            schema.setErrorMessage(problem.getMessage());
            schema.setInvalid(true);
        } catch (IncompatibleSchemaException refused) {
            refused(changes, refused);
        }
    }

    private static void refused(Div changes, IncompatibleSchemaException refused) {
        changes.removeAll();
        var heading = new Span("Refused: this version breaks the subject's promise.");
        heading.addClassName("field-error");
        changes.add(heading);
        refused.refused().forEach(change -> changes.add(SchemaRegistryView.change(change)));
    }
}
