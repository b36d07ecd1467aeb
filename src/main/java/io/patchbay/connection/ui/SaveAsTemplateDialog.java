package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionTemplates;
import java.util.Locale;

/** A solutions engineer makes a template of a working connection: its settings and mapping, never its secrets. */
final class SaveAsTemplateDialog {

    private SaveAsTemplateDialog() {}

    public static Button button(ConnectionTemplates templates, Connection connection) {
        var button = new Button("Save as template", VaadinIcon.FILE_ADD.create(), e -> open(templates, connection));
        button.addClassName("save-as-template");
        return button;
    }

    private static void open(ConnectionTemplates templates, Connection connection) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Save " + connection.name() + " as a template");
        var name = new TextField("Template name");
        name.setValue(connection.name());
        name.setWidthFull();
        var id = new TextField("Template id");
        id.setValue(connection
                .name()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", ""));
        id.setHelperText("Lower-case letters, digits and dashes; connections name their template by it for good.");
        id.setWidthFull();
        dialog.add(
                new Paragraph("The template takes this connection's connector, settings, mapping and schedule (never "
                        + "its secrets or records) as a draft you can edit and publish."),
                name,
                id);
        dialog.setWidth("min(32rem, 95vw)");
        var save = new Button("Create template", e -> {
            try {
                TemplateDraft draft = templates.saveAsTemplate(connection.id(), id.getValue(), name.getValue());
                dialog.close();
                UI.getCurrent().navigate("templates/" + draft.id());
            } catch (InvalidTemplateException problem) {
                id.setErrorMessage(problem.reason());
                id.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
