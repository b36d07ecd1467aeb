package io.patchbay.schema.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.schema.InvalidSchemaException;
import io.patchbay.schema.SchemaChange;
import io.patchbay.schema.SchemaRegistry;
import io.patchbay.schema.SchemaSubject;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.schema.SchemaVersions;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
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
    private final SchemaVersions versions;
    private final boolean engineer = CurrentTenant.member()
            .filter(member -> member.roles().contains(Role.SOLUTIONS_ENGINEER))
            .isPresent();
    private final Grid<SchemaSubject> subjects = new Grid<>();
    private final Div detail = new Div();

    SchemaRegistryView(SchemaRegistry registry, SchemaVersions versions) {
        this.registry = registry;
        this.versions = versions;
        addClassName("schema-registry-view");
        subjects.addColumn(SchemaSubject::title).setHeader("Subject").setAutoWidth(true);
        // on a phone the subject and what it is; its name, kind, compatibility and newest version are on its page
        List<Grid.Column<SchemaSubject>> folded = new java.util.ArrayList<>();
        folded.add(subjects.addColumn(SchemaSubject::name).setHeader("Name").setAutoWidth(true));
        folded.add(subjects.addColumn(s -> s.kind().label()).setHeader("Kind").setAutoWidth(true));
        folded.add(subjects.addColumn(s -> s.compatibility().label())
                .setHeader("Compatibility")
                .setAutoWidth(true));
        folded.add(subjects.addColumn(s -> "v" + s.latest().version())
                .setHeader("Newest")
                .setAutoWidth(true));
        subjects.addColumn(SchemaSubject::description).setHeader("Description").setFlexGrow(3);
        NarrowColumns.fold(this, folded);
        subjects.setItems(registry.subjects());
        subjects.setAllRowsVisible(true);
        subjects.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        subjects.setAriaLabel("Schema subjects");
        subjects.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        detail.setWidthFull();
        add(
                new H1("Schemas"),
                new Paragraph("The canonical entities records are mapped to, and the event types Patchbay publishes. "
                        + "Each new version is checked against the one before under its subject's compatibility "
                        + "mode; one that breaks it is refused. Choose a subject to read its versions"
                        + (engineer ? ", register its next one, or retire an old one." : ".")),
                subjects,
                detail);
    }

    /** Reads the subject again from the registry, as a change just left it, and shows it. */
    private void reload(String name) {
        subjects.setItems(registry.subjects());
        registry.subject(name).ifPresent(subjects::select);
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
        if (engineer) {
            var register = new Button(
                    "Register a new version",
                    e -> RegisterVersionDialog.open(versions, subject, registered -> {
                        reload(subject.name());
                        Notification.show(subject.name() + " v" + registered.version() + " is registered");
                    }));
            register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            detail.add(register);
        }
        List<SchemaVersion> versions = subject.versions();
        for (int i = versions.size() - 1; i >= 0; i--) {
            SchemaVersion version = versions.get(i);
            var box = new Div();
            box.addClassName("schema-version");
            var heading =
                    new Span("v" + version.version() + " · " + version.status().label() + " · " + version.notes());
            heading.addClassName("template-change-what");
            box.add(heading, provenance(version));
            if (engineer) {
                moveOnButton(subject, version).ifPresent(box::add);
            }
            if (i > 0) {
                List<SchemaChange> changes = registry.diff(versions.get(i - 1), version);
                changes.forEach(change -> box.add(change(change)));
            }
            var schema = new Pre(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(version.schema()));
            schema.addClassName("mapping-expression");
            schema.getElement().setAttribute("aria-label", subject.name() + " v" + version.version());
            // the newest open, older ones folded: the changes above say what differs
            var folded = new com.vaadin.flow.component.details.Details("JSON Schema of v" + version.version(), schema);
            folded.setOpened(i == versions.size() - 1);
            box.add(folded);
            detail.add(box);
        }
    }

    private static Paragraph provenance(SchemaVersion version) {
        String made = version.registered() == null
                ? "Shipped with Patchbay."
                : "Registered by " + version.registered().by() + ", "
                        + Formats.time(version.registered().at()) + ".";
        String moved = version.moved() == null
                ? ""
                : " " + version.status().label() + " by " + version.moved().by() + ", "
                        + Formats.time(version.moved().at()) + ".";
        var text = new Paragraph(made + moved);
        text.addClassName("hint");
        return text;
    }

    /** The next step of the version's life, with what it means, confirmed before it is taken. */
    private java.util.Optional<Button> moveOnButton(SchemaSubject subject, SchemaVersion version) {
        return version.status().next().map(next -> {
            String what = switch (next) {
                case DEPRECATED -> "Deprecate";
                case DUAL_PUBLISHED -> "Dual-publish";
                case REMOVED -> "Remove";
                case ACTIVE -> throw new IllegalStateException("A version never becomes active again");
            };
            String meaning = switch (next) {
                case DEPRECATED ->
                    "Announces that v" + version.version() + " will go: it is still accepted and "
                            + "published as before.";
                case DUAL_PUBLISHED ->
                    "Publishes its successor beside v" + version.version() + ", so readers can move to it.";
                case REMOVED -> "v" + version.version() + " is no longer accepted or published. This cannot be undone.";
                case ACTIVE -> "";
            };
            var button = new Button(what + " v" + version.version(), e -> {
                var confirm = new ConfirmDialog(
                        what + " " + subject.name() + " v" + version.version() + "?", meaning, what, yes -> {
                            try {
                                versions.moveOn(subject.name(), version.version());
                                reload(subject.name());
                            } catch (InvalidSchemaException refused) {
                                Notification.show(refused.getMessage(), 8000, Notification.Position.MIDDLE)
                                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                            }
                        });
                confirm.setCancelable(true);
                confirm.open();
            });
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return button;
        });
    }

    static Div change(SchemaChange change) {
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
