package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionExports;
import io.patchbay.connection.InvalidSetupException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration as code, in: a connection's YAML (as Export YAML gave it) pasted, checked whole, its secrets asked
 * for, and made a setup to test and activate.
 */
public class ImportConnectionDialog extends Dialog {

    public ImportConnectionDialog(ConnectionExports exports) {
        setHeaderTitle("Import a connection from YAML");
        var yaml = new TextArea("Connection YAML");
        yaml.addClassName("template-yaml");
        yaml.setWidthFull();
        yaml.setHelperText(
                "As Export YAML on a connection's page gives it. Secrets are not in it: you enter them next.");
        var error = new Div();
        error.addClassName("dialog-error");
        error.getElement().setAttribute("role", "alert");
        var secretsBox = new VerticalLayout();
        secretsBox.setPadding(false);
        Map<String, PasswordField> secrets = new LinkedHashMap<>();
        add(
                new Paragraph("The import makes a setup you test and activate as usual; nothing runs before that."),
                error,
                yaml,
                secretsBox);
        setWidth("min(44rem, 95vw)");
        var importButton = new Button("Import", e -> {
            error.setText("");
            try {
                if (secrets.isEmpty()) {
                    List<ConnectorSpec.SettingSpec> asked = exports.secretsFor(yaml.getValue());
                    if (!asked.isEmpty()) {
                        for (ConnectorSpec.SettingSpec secret : asked) {
                            var field = new PasswordField(secret.label());
                            field.setHelperText(secret.help());
                            field.setWidthFull();
                            secrets.put(secret.key(), field);
                            secretsBox.add(field);
                        }
                        error.setText("Enter the secrets below, then press Import again.");
                        return;
                    }
                }
                Map<String, String> values = new LinkedHashMap<>();
                secrets.forEach((key, field) -> values.put(key, field.getValue()));
                Connection draft = exports.importYaml(yaml.getValue(), values);
                close();
                UI.getCurrent().navigate("connections/" + draft.id() + "/setup");
            } catch (InvalidSetupException problem) {
                if (problem.field().startsWith("secrets.")
                        && secrets.get(problem.field().substring(8)) != null) {
                    PasswordField field = secrets.get(problem.field().substring(8));
                    field.setErrorMessage(problem.getMessage());
                    field.setInvalid(true);
                } else {
                    error.setText(problem.getMessage());
                }
            }
        });
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), importButton);
    }
}
