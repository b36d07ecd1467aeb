package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.ConnectionMappings.CurrentMapping;
import io.patchbay.connection.ConnectionMappings.MappingPreview;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.MappingSamples;
import io.patchbay.security.PersonalDataAccess;
import io.patchbay.security.ui.RevealPersonalData;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mapping editor: the connection's JSLT expression on one side, live records from its source on the other, each
 * shown as it comes and as the expression makes it, checked against the entity's schema as the admin types. Saved
 * only when it compiles and gives the fields the entity requires.
 */
@Route("connections/:connectionId/mapping")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class MappingEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConnectionService connections;
    private final ConnectionMappings mappings;

    private final H1 title = new H1();
    private final Paragraph intro = new Paragraph();
    private final TextArea expression = new TextArea("Mapping (JSLT)");
    private final Div status = new Div();
    private final Button save = new Button("Save mapping");
    private final Button revert = new Button("Use the template's mapping");
    private final Div back = new Div();
    /** Where the editor was opened from, and goes back to once the mapping is saved. */
    private String returnTo = "";

    private static final String FROM_SOURCE = "source";

    private final List<MappingSamples> otherSamples;
    private final Select<String> sampleSource = new Select<>();
    private @Nullable Connection connection;
    private List<SourceRecord> samples = List.of();
    private final SampleComparison sampleComparison = new SampleComparison();
    private final LivePreview.Editor livePreview;
    private final PersonalDataAccess personalData;
    private final Div reveal = new Div();

    MappingEditorView(
            ConnectionService connections,
            ConnectionMappings mappings,
            List<MappingSamples> otherSamples,
            LivePreview livePreview,
            PersonalDataAccess personalData) {
        this.connections = connections;
        this.personalData = personalData;
        this.livePreview = livePreview.editor();
        this.mappings = mappings;
        this.otherSamples = otherSamples;
        sampleSource.setLabel("Try it on");
        // wide enough for its longest choice ("Records read from the source"), read whole
        sampleSource.setMinWidth("17rem");
        sampleSource.setItems(java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(FROM_SOURCE),
                        otherSamples.stream().map(MappingSamples::key))
                .toList());
        sampleSource.setValue(FROM_SOURCE);
        sampleSource.setVisible(!otherSamples.isEmpty());
        sampleSource.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                loadSamples();
            }
        });
        addClassName("mapping-editor-view");
        expression.addClassName("mapping-source");
        expression.setWidthFull();
        // every change is sent at once (with a lazy value a click on Save could save what was there before the last
        // keystrokes, and under load a lazy value was seen not to arrive at all: vaadin/flow-components#6265), and
        // tried on the samples after a pause in typing, off the request, the newest replacing the one before
        expression.setValueChangeMode(ValueChangeMode.EAGER);
        expression.addValueChangeListener(e -> previewAfterAPause());
        addDetachListener(e -> this.livePreview.cancel());
        status.addClassName("mapping-status");
        status.getElement().setAttribute("role", "status");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save(expression.getValue()));
        revert.addClickListener(e -> save(null));
        var reload = new Button("Read samples again", e -> loadSamples());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        var help = new Details("Transforms you can call");
        var list = new UnorderedList();
        mappings.transforms().forEach(t -> {
            var code = new Span(t.usage());
            code.addClassName("code");
            list.add(new ListItem(code, new Span(" · " + t.description())));
        });
        help.add(
                list,
                new Paragraph("JSLT's own functions work too: see github.com/schibsted/jslt. A field whose "
                        + "value is null or blank text is left out."));

        var editor = new VerticalLayout(expression, status, new HorizontalLayout(save, revert, reload), help);
        editor.setPadding(false);
        editor.addClassName("mapping-editor-side");
        var choices = new HorizontalLayout(sampleSource, sampleComparison.choice());
        choices.setWrap(true);
        var previewSide = new VerticalLayout(choices, reveal, sampleComparison.pair());
        previewSide.setPadding(false);
        previewSide.addClassName("mapping-preview-side");
        var columns = new Div(editor, previewSide);
        columns.addClassName("mapping-columns");
        add(back, title, intro, columns);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        connection = event.getRouteParameters()
                .get("connectionId")
                .flatMap(ConnectionId::parse)
                .flatMap(connections::find)
                .orElse(null);
        if (connection == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        back.removeAll();
        // opened from the quarantine (Fix the mapping): back there, where the records wait to be reprocessed
        boolean fromQuarantine = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("samples")
                .filter("quarantined"::equals)
                .isPresent();
        returnTo = connection.isDraft()
                ? "connections/" + connection.id() + "/setup"
                : fromQuarantine ? "connections/" + connection.id() + "/quarantine" : "connections/" + connection.id();
        var link = new Anchor(
                returnTo,
                connection.isDraft()
                        ? "← Back to the setup"
                        : fromQuarantine ? "← Back to the quarantine" : "← " + connection.name());
        link.addClassName("back-link");
        back.add(link);
        reveal.removeAll();
        var masked = new Span(
                personalData.mayReveal()
                        ? "Emails, phone numbers and other personal fields in the samples are masked. "
                        : "Emails, phone numbers and other personal fields in the samples are masked: only the tenant's"
                                + " admins see them, and that is recorded.");
        masked.addClassName("hint");
        reveal.add(
                masked,
                new RevealPersonalData(
                        personalData,
                        "connection",
                        connection.id().toString(),
                        "the mapping editor's sample records",
                        sampleComparison::reveal));
        CurrentMapping current = mappings.current(connection);
        title.setText("Mapping of " + connection.name());
        if (current.subject().isEmpty()) {
            intro.setText("This connection copies every field of its records as it is into core records named '"
                    + current.entity() + "', which is not a canonical entity of the schema registry: there is no "
                    + "mapping to edit.");
            expression.setVisible(false);
            save.setVisible(false);
            revert.setVisible(false);
            return;
        }
        intro.setText((current.destination() != null
                        ? "Each core " + current.title() + " becomes a record sent to " + current.destination()
                                + ". Edit the expression: the newest core records are mapped again as you type and"
                                + " checked against what the destination accepts. "
                        : "Each record becomes a core " + current.title() + " ("
                                + current.subject().get().title() + " v"
                                + current.subject().get().latest().version()
                                + "). Edit the expression: the sample records read from the source are mapped again as"
                                + " you type and checked against the " + current.title() + " schema. ")
                + (current.own()
                        ? "This connection has its own mapping."
                        : "This is the template's " + "mapping; saving makes it this connection's own."));
        revert.setVisible(current.own());
        expression.setValue(
                current.expression() == null ? "" : current.expression().strip());
        // the quarantine's Fix the mapping opens the editor on the records it holds
        String asked = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("samples")
                .orElse(FROM_SOURCE);
        // a destination's mapping is tried on core records: its "source" is the core store
        String fresh = current.destination() != null ? "Records in the core store" : "Records read from the source";
        sampleSource.setItemLabelGenerator(key -> otherSamples.stream()
                .filter(other -> other.key().equals(key))
                .map(MappingSamples::label)
                .findFirst()
                .orElse(fresh));
        sampleSource.setValue(otherSamples.stream().anyMatch(o -> o.key().equals(asked)) ? asked : FROM_SOURCE);
        loadSamples();
    }

    @Override
    public String getPageTitle() {
        return title.getText() + " · Patchbay";
    }

    private void loadSamples() {
        var other = otherSamples.stream()
                .filter(o -> o.key().equals(sampleSource.getValue()))
                .findFirst();
        if (other.isPresent()) {
            samples = other.get().samples(requireConnection().id(), ConnectionMappings.SAMPLES);
            showPreview();
            return;
        }
        try {
            samples = mappings.samples(requireConnection().id());
        } catch (ConnectorException e) {
            samples = List.of();
            Notification.show(
                            "The source could not be read for samples: "
                                    + e.error().message() + " " + e.error().fix(),
                            8000,
                            Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        showPreview();
    }

    private void previewAfterAPause() {
        status.addClassName("pending");
        livePreview.request(
                UI.getCurrent(), mappings.previewing(requireConnection(), expression.getValue(), samples), this::show);
    }

    private void showPreview() {
        livePreview.cancel();
        show(mappings.preview(requireConnection(), expression.getValue(), samples));
    }

    private void show(MappingPreview preview) {
        status.removeClassName("pending");
        status.removeClassName("error");
        if (preview.error() != null) {
            status.setText(preview.error().getMessage());
            status.addClassName("error");
            expression.setInvalid(true);
            // the whole story is in the status below; the field only says where
            expression.setErrorMessage(
                    preview.error().line() > 0
                            ? "Line " + preview.error().line() + ", column "
                                    + preview.error().column()
                            : "Not saved like this: see below");
        } else {
            expression.setInvalid(false);
            if (samples.isEmpty()) {
                status.setText("Compiles. The source has no records to try it on yet.");
            } else if (!preview.dropped().isEmpty()) {
                status.setText("No sample gets " + String.join(", ", preview.dropped()) + ", which every "
                        + mappings.current(requireConnection()).title() + " needs: it cannot be saved like this.");
                status.addClassName("error");
            } else if (preview.fitsNone()) {
                status.setText("None of the " + samples.size() + " sample records fits the "
                        + mappings.current(requireConnection()).title()
                        + " schema (see each one's problems): it cannot be saved like this.");
                status.addClassName("error");
            } else {
                long invalid = preview.invalid();
                status.setText(
                        invalid == 0
                                ? "All " + samples.size() + " sample records fit."
                                : invalid + " of " + samples.size()
                                        + " sample records would be quarantined (see each one's problems)"
                                        + (invalid < samples.size() ? "; the others fit." : "."));
            }
        }
        sampleComparison.show(preview);
    }

    private void save(@Nullable String text) {
        Connection current = requireConnection();
        try {
            connection = mappings.save(current.id(), current.version(), text, samples);
            Notification.show(
                            text == null
                                    ? "The connection uses the template's mapping again."
                                    : "Mapping saved; " + "the next sync uses it.",
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(returnTo));
        } catch (InvalidSetupException e) {
            status.setText(e.getMessage());
            status.addClassName("error");
        }
    }

    private Connection requireConnection() {
        if (connection == null) {
            throw new IllegalStateException("No connection loaded");
        }
        return connection;
    }
}
