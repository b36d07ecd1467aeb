package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.SetupStep;
import java.util.Objects;

/**
 * The second step, in the form the connector takes: the template's mapping to look at (and edit in the mapping
 * editor), or for a file connector an upload to see how its rows read.
 */
final class MappingStep extends VerticalLayout {

    /** The mapping the template gives the connection, read beside what the source system is called. */
    static MappingStep mapping(ConnectionMappings mappings, Template template, String systemName, SetupFlow flow) {
        var current = mappings.current(flow.draft());
        var edit = new Button(
                "Edit mapping",
                e -> e.getSource()
                        .getUI()
                        .ifPresent(
                                ui -> ui.navigate("connections/" + flow.draft().id() + "/mapping")));
        edit.setVisible(current.subject().isPresent() && current.expression() != null);
        var step = new MappingStep(
                flow,
                "48rem",
                new MappingPanel(
                        current,
                        Objects.requireNonNullElse(template.stream(), "source"),
                        systemName,
                        template.reference()));
        step.buttons.addComponentAtIndex(1, edit);
        return step;
    }

    /** For connectors that take files: upload one now, see how it reads, and its rows sync on activation. */
    static MappingStep upload(InboundService inbound, Template template, ConnectorSpec spec, SetupFlow flow) {
        return new MappingStep(
                flow,
                "56rem",
                new Paragraph("Upload a file to see how Patchbay reads it. Every column is copied as it is into core "
                        + "records named '" + template.entity() + "', keyed by the key column; the rows sync when "
                        + "you activate. Until then, a new upload replaces this one."),
                new PushedDataPanel(inbound, flow.draft(), spec, () -> {}));
    }

    private final HorizontalLayout buttons;

    private MappingStep(SetupFlow flow, String maxWidth, Component... body) {
        var back = new Button("Back", e -> flow.show(SetupStep.DETAILS));
        var next = new Button("Next: validate", e -> flow.advance(SetupStep.VALIDATE));
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        buttons = new HorizontalLayout(back, next);
        add(body);
        add(buttons);
        setPadding(false);
        setMaxWidth(maxWidth);
    }
}
