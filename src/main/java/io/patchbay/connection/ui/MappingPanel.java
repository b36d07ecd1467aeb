package io.patchbay.connection.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.connection.ConnectionMappings.CurrentMapping;
import io.patchbay.schema.SchemaSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A template's mapping as the admin reads it: the JSLT expression that turns each source record into a core record,
 * and the fields of the canonical entity it must produce (from the schema registry). Copy-as-is templates say so.
 */
class MappingPanel extends VerticalLayout {

    MappingPanel(CurrentMapping current, String stream, String systemName, String templateReference) {
        setPadding(false);
        addClassName("mapping-panel");
        if (current.destination() != null && current.target() != null) {
            add(new Paragraph("Each core " + current.title() + " is sent to " + systemName + " (" + stream + ") as it"
                    + " changes, through this mapping (JSLT, "
                    + (current.own() ? "this connection's own" : "from template " + templateReference)
                    + "). Before it is sent it is checked against what " + systemName + " accepts (below); what"
                    + " fails the check, or what " + systemName + " refuses, waits in quarantine with the reason."));
            add(
                    expression(current),
                    fields(current.target(), systemName + " " + stream, "Fields " + systemName + " accepts"));
            return;
        }
        if (current.expression() == null || current.subject().isEmpty()) {
            add(new Paragraph("Every field of a " + systemName + " record is copied as it is into core records named '"
                    + current.entity() + "'."));
            return;
        }
        SchemaSubject subject = current.subject().get();
        add(new Paragraph("Each " + stream + " record from " + systemName + " becomes a core " + current.title()
                + " through this mapping (JSLT, "
                + (current.own() ? "this connection's own" : "from template " + templateReference)
                + "). A record that does not give the fields below their required "
                + "values, or breaks a rule of the template, waits in quarantine for you to fix; nothing is dropped."));
        add(
                expression(current),
                fields(
                        subject.latest().schema(),
                        subject.title() + " v" + subject.latest().version(),
                        "Fields of the core " + subject.title().toLowerCase()));
    }

    private static Pre expression(CurrentMapping current) {
        var expression = new Pre(String.valueOf(current.expression()).strip());
        expression.addClassName("mapping-expression");
        expression.getElement().setAttribute("aria-label", "Mapping expression");
        return expression;
    }

    private static Grid<Field> fields(JsonNode schema, String header, String label) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        List<Field> fields = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> {
            JsonNode field = property.getValue();
            fields.add(new Field(
                    field.path("title").asString(property.getKey()),
                    property.getKey(),
                    type(field),
                    required.contains(property.getKey()),
                    field.path("x-pii").asBoolean(false)));
        });
        var grid = new Grid<Field>();
        grid.addColumn(Field::label).setHeader("Field").setAutoWidth(true);
        grid.addColumn(Field::name).setHeader(header);
        grid.addColumn(Field::type).setHeader("Type");
        grid.addColumn(f -> (f.required() ? "Required" : "Optional") + (f.personal() ? " · personal data" : ""))
                .setHeader("Rule")
                .setAutoWidth(true);
        grid.setItems(fields);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAriaLabel(label);
        return grid;
    }

    private static String type(JsonNode field) {
        if (field.has("enum")) {
            List<String> values = new ArrayList<>();
            field.path("enum").forEach(v -> values.add(v.asString()));
            return "one of " + String.join(", ", values);
        }
        JsonNode type = field.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> {
                if (!"null".equals(t.asString())) {
                    types.add(t.asString());
                }
            });
        } else {
            types.add(type.asString("any"));
        }
        String format = field.path("format").asString("");
        return String.join(" or ", types) + (format.isEmpty() ? "" : " (" + format + ")");
    }

    private record Field(String label, String name, String type, boolean required, boolean personal) {}
}
