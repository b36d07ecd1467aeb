package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.catalog.SettingProblem;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.SettingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector's setup fields, generated from its spec: typed inputs, masked secrets that keep the stored value when
 * left blank, and inline validation against the connector's schema as the admin leaves each field.
 */
final class ConnectorSettingsForm extends VerticalLayout {

    private final Map<String, SettingSpec> specs = new LinkedHashMap<>();
    private final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();
    private final Map<String, Component> components = new LinkedHashMap<>();
    private final Binder<Map<String, Object>> binder = new Binder<>();
    private final BiFunction<ObjectNode, Map<String, String>, List<SettingProblem>> problems;

    /**
     * @param locked settings the template sets and the customer may not change: shown, read-only, saying so
     * @param problems what is wrong with the given settings and secrets, field by field (blank secrets meaning the
     *     stored ones)
     */
    ConnectorSettingsForm(
            ConnectorSpec spec,
            JsonNode stored,
            Map<String, String> secretHints,
            java.util.Set<String> locked,
            BiFunction<ObjectNode, Map<String, String>, List<SettingProblem>> problems) {
        this.problems = problems;
        setPadding(false);
        setSpacing(false);
        for (SettingSpec setting : spec.settings()) {
            specs.put(setting.key(), setting);
            Component field = field(setting, stored.get(setting.key()), secretHints.get(setting.key()));
            if (locked.contains(setting.key()) && fields.get(setting.key()) instanceof HasValue<?, ?> value) {
                value.setReadOnly(true);
                if (field instanceof com.vaadin.flow.component.HasHelper helper) {
                    helper.setHelperText("Locked by the template: set by your solutions engineer. "
                            + java.util.Objects.requireNonNullElse(helper.getHelperText(), ""));
                }
                field.getElement().setAttribute("data-locked", "");
            }
            components.put(setting.key(), field);
            add(field);
        }
        // fields that matter only for some value of another (the HMAC settings of a webhook) follow that field
        fields.values().forEach(field -> field.addValueChangeListener(e -> showApplicable()));
        showApplicable();
    }

    private void showApplicable() {
        ObjectNode current = values();
        specs.values().forEach(setting -> components.get(setting.key()).setVisible(setting.applies(current)));
    }

    /** Fills a field the admin has not filled (the demo's sandbox key). */
    void prefill(String key, String value) {
        if (fields.get(key) instanceof TextField text && text.isEmpty()) {
            text.setValue(value);
        } else if (fields.get(key) instanceof PasswordField password && password.isEmpty()) {
            password.setValue(value);
        }
    }

    boolean validate() {
        return binder.validate().isOk();
    }

    /** Marks a field with a problem the server found (e.g. on save). False when no field has that name. */
    boolean show(String key, String message) {
        if (fields.get(key) instanceof HasValidation field) {
            field.setErrorMessage(message);
            field.setInvalid(true);
            return true;
        }
        return false;
    }

    ObjectNode values() {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        fields.forEach((key, field) -> {
            if (specs.get(key).secret()) {
                return;
            }
            Object value = field.getValue();
            if (value instanceof Integer number) {
                values.put(key, number);
            } else if (value instanceof Boolean flag) {
                values.put(key, flag);
            } else if (value != null && !value.toString().isBlank()) {
                values.put(key, value.toString().trim());
            }
        });
        return values;
    }

    Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        fields.forEach((key, field) -> {
            if (specs.get(key).secret() && field.getValue() instanceof String value) {
                secrets.put(key, value);
            }
        });
        return secrets;
    }

    /** Clears typed secrets after they were stored; the placeholder then shows the new hint. */
    void storedSecrets(Map<String, String> hints) {
        hints.forEach((key, hint) -> {
            if (fields.get(key) instanceof PasswordField password) {
                password.clear();
                password.setPlaceholder(hint + " (stored; type to replace)");
            }
        });
    }

    private Component field(SettingSpec setting, @Nullable JsonNode value, @Nullable String hint) {
        String help = setting.help();
        Component component;
        if (setting.secret()) {
            var password = new PasswordField(setting.label());
            password.setRevealButtonVisible(false);
            password.setHelperText(
                    (help.isEmpty() ? "" : help + ". ") + "Stored encrypted; never shown again after saving.");
            password.setPlaceholder(hint == null ? "" : hint + " (stored; type to replace)");
            password.setValueChangeMode(ValueChangeMode.ON_BLUR);
            password.setWidthFull();
            bind(setting, password);
            component = password;
        } else if (!setting.choices().isEmpty()) {
            var select = new Select<String>();
            select.setLabel(setting.label());
            select.setItems(setting.choices());
            select.setHelperText(help);
            select.setValue(value != null ? value.asString() : setting.defaultValue());
            bind(setting, select);
            component = select;
        } else if ("integer".equals(setting.type())) {
            var number = new IntegerField(setting.label());
            number.setHelperText(help);
            number.setValueChangeMode(ValueChangeMode.ON_BLUR);
            if (value != null && value.canConvertToInt()) {
                number.setValue(value.asInt());
            } else if (setting.defaultValue() != null) {
                number.setValue(Integer.valueOf(setting.defaultValue()));
            }
            bind(setting, number);
            component = number;
        } else if ("boolean".equals(setting.type())) {
            var checkbox = new Checkbox(setting.label());
            checkbox.setValue(value != null ? value.asBoolean() : Boolean.parseBoolean(setting.defaultValue()));
            bind(setting, checkbox);
            component = checkbox;
        } else {
            var text = new TextField(setting.label());
            text.setHelperText(help);
            text.setValueChangeMode(ValueChangeMode.ON_BLUR);
            text.setWidthFull();
            text.setValue(
                    value != null ? value.asString() : setting.defaultValue() == null ? "" : setting.defaultValue());
            bind(setting, text);
            component = text;
        }
        if (component instanceof HasValue<?, ?> field) {
            field.setRequiredIndicatorVisible(setting.required());
        }
        return component;
    }

    private <T> void bind(SettingSpec setting, HasValue<?, T> field) {
        fields.put(setting.key(), field);
        binder.forField(field)
                .withValidator((T ignored, com.vaadin.flow.data.binder.ValueContext context) ->
                        problems.apply(values(), secrets()).stream()
                                .filter(problem -> problem.field().equals(setting.key()))
                                .findFirst()
                                .map(problem -> ValidationResult.error(problem.message()))
                                .orElse(ValidationResult.ok()))
                .bind(map -> null, (map, v) -> {});
    }
}
