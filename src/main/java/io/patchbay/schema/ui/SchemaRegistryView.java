package io.patchbay.schema.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.schema.SchemaChange;
import io.patchbay.schema.SchemaRegistry;
import io.patchbay.schema.SchemaSubject;
import io.patchbay.schema.SchemaVersion;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema registry, to read: every canonical entity and event type, its compatibility mode, its versions with why
 * each was made and where it is in its life, what each changed from the one before (and which promise a change would
 * break), and the schema itself.
 */
@Route("schemas")
@PageTitle("Schemas · Patchbay")
@PermitAll
class SchemaRegistryView extends VerticalLayout {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SchemaRegistry registry;
    private final Div detail = new Div();

    SchemaRegistryView(SchemaRegistry registry) {
        this.registry = registry;
        addClassName("schema-registry-view");
        var subjects = new Grid<SchemaSubject>();
        subjects.addColumn(SchemaSubject::title).setHeader("Subject").setAutoWidth(true);
        subjects.addColumn(SchemaSubject::name).setHeader("Name").setAutoWidth(true);
        subjects.addColumn(s -> s.kind().label()).setHeader("Kind").setAutoWidth(true);
        subjects.addColumn(s -> s.compatibility().label())
                .setHeader("Compatibility")
                .setAutoWidth(true);
        subjects.addColumn(s -> "v" + s.latest().version()).setHeader("Newest").setAutoWidth(true);
        subjects.addColumn(SchemaSubject::description).setHeader("Description").setFlexGrow(3);
        subjects.setItems(registry.subjects());
        subjects.setAllRowsVisible(true);
        subjects.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        subjects.setAriaLabel("Schema subjects");
        subjects.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        detail.setWidthFull();
        add(
                new H1("Schemas"),
                new Paragraph("The canonical entities records are mapped to, and the event types Patchbay publishes. "
                        + "Each new version is checked against the one before under its subject's compatibility "
                        + "mode; the build refuses one that breaks it. Choose a subject to read its versions."),
                subjects,
                detail);
    }

    private void show(@Nullable SchemaSubject subject) {
        detail.removeAll();
        if (subject == null) {
            return;
        }
        detail.add(
                new H2(subject.title() + " (" + subject.name() + ")"),
                new Paragraph(subject.compatibility().label() + " compatible: "
                        + subject.compatibility().meaning()));
        List<SchemaVersion> versions = subject.versions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            SchemaVersion version = versions.get(i);
            var box = new Div();
            box.addClassName("schema-version");
            var heading =
                    new Span("v" + version.version() + " · " + version.status().label() + " · " + version.notes());
            heading.addClassName("template-change-what");
            box.add(heading);
            if (i > 0) {
                List<SchemaChange> changes = registry.diff(versions.get(i - 1), version);
                changes.forEach(change -> box.add(change(change)));
            }
            var schema = new Pre(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(version.schema()));
            schema.addClassName("mapping-expression");
            schema.getElement().setAttribute("aria-label", subject.name() + " v" + version.version());
            box.add(schema);
            detail.add(box);
        }
    }

    private static Div change(SchemaChange change) {
        String promise = change.harmless()
                ? "compatible both ways"
                : change.breaksBackward() && change.breaksForward()
                        ? "breaks backward and forward"
                        : change.breaksBackward() ? "breaks backward" : "breaks forward";
        var row = new Div(new Span(change.description() + " (" + promise + ")"));
        row.addClassName("template-change");
        return row;
    }
}
