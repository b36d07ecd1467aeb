package io.patchbay.catalog.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.Dates;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.ConnectorCertification;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every connector this hub runs: version, what it can do, how it signs in, its streams, the templates on it, what the
 * certification kit proved of it, and the pace it keeps.
 */
@Route("connectors")
@PageTitle("Connectors · Patchbay")
@PermitAll
class ConnectorCatalogView extends VerticalLayout {

    ConnectorCatalogView(ConnectorCatalog catalog, TemplateLibrary library) {
        var templates = library.gallery();
        addClassName("connector-catalog-view");
        var grid = new Grid<ConnectorSpec>();
        grid.addComponentColumn(spec -> {
                    var cell = new Div(new Span(spec.displayName()), secondLine(spec.reference()));
                    catalog.upgradeFor(spec.reference())
                            .ifPresent(upgrade -> cell.add(secondLine("superseded by " + upgrade.to())));
                    return cell;
                })
                .setHeader("Connector")
                .setWidth("12rem")
                .setFlexGrow(1);
        grid.addComponentColumn(spec -> certification(catalog.certification(spec.reference())))
                .setHeader("Certification")
                .setAutoWidth(true)
                .setFlexGrow(0);
        // on a phone the connector and its certification; the rest is in the row's details
        List<Grid.Column<ConnectorSpec>> folded = new java.util.ArrayList<>();
        folded.add(grid.addComponentColumn(spec -> chips(spec.capabilities().stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList()))
                .setHeader("Can")
                .setAutoWidth(true)
                .setFlexGrow(0));
        folded.add(grid.addComponentColumn(spec -> new Div(spec.authMethods().stream()
                        .map(method -> new Div(method.replace('_', ' ')))
                        .toArray(Div[]::new)))
                .setHeader("Signs in with")
                .setWidth("10rem")
                .setFlexGrow(1));
        folded.add(grid.addComponentColumn(spec -> new Div(spec.streams().stream()
                        .map(s -> new Div(s.name() + (s.cursorField() == null ? " (full)" : " (incremental)")))
                        .toArray(Div[]::new)))
                .setHeader("Streams")
                .setFlexGrow(1));
        folded.add(grid.addComponentColumn(spec -> new Div(templates.stream()
                        .filter(t -> t.connector().equals(spec.reference()))
                        .map(t -> new Div(t.name()))
                        .toArray(Div[]::new)))
                .setHeader("Templates")
                .setFlexGrow(2));
        NarrowColumns.fold(this, folded);
        grid.setItems(catalog.connectors());
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(spec -> {
            var details = new Div(new Paragraph(spec.description()));
            details.add(new Paragraph("Settings: "
                    + spec.settings().stream()
                            .map(s -> s.label() + (s.secret() ? " (secret)" : "") + (s.required() ? "" : " (optional)"))
                            .collect(Collectors.joining(", "))));
            for (StreamSpec stream : spec.streams()) {
                details.add(new Paragraph(stream.name() + ": key " + stream.primaryKey()
                        + (stream.cursorField() == null ? "" : ", follows " + stream.cursorField())));
            }
            catalog.certification(spec.reference())
                    .ifPresent(c -> details.add(new Paragraph("Certification kit " + c.kitVersion() + ", "
                            + Dates.day(c.certifiedOn()) + ": " + c.checksPassed() + " of " + c.checks()
                            + " checks passed.")));
            ConnectorSpec.Pace pace = spec.pace();
            if (pace != null) {
                details.add(new Paragraph("Paces itself to " + pace.requests() + " requests per " + per(pace.per())
                        + " on each connection, to stay under " + spec.displayName() + "'s rate limit."));
            }
            return details;
        }));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.setAriaLabel("Connectors");
        add(
                new H1("Connectors"),
                new Paragraph("What this hub can connect to. Every connector runs on the same runtime and reports "
                        + "errors in the same words. Certification is what the certification kit proved of a "
                        + "connector, and every build proves it again. Select a row for its settings and streams."),
                grid);
    }

    /** "Certified" only where every check of the kit passed; a connector without a record is not certified. */
    private static Div certification(Optional<ConnectorCertification> certification) {
        boolean certified =
                certification.filter(ConnectorCertification::certified).isPresent();
        var badge = new Span(certified ? "Certified" : "Not certified");
        badge.addClassName("certification");
        badge.getElement().setAttribute("data-certified", String.valueOf(certified));
        var cell = new Div(badge);
        certification.ifPresent(c -> cell.add(secondLine(c.checksPassed() + "/" + c.checks() + " checks")));
        return cell;
    }

    private static Span secondLine(String text) {
        var line = new Span(text);
        line.addClassName("second-line");
        return line;
    }

    private static String per(Duration per) {
        if (per.toSecondsPart() != 0) {
            return per.toSeconds() + " s";
        }
        return per.toMinutesPart() != 0 ? per.toMinutes() + " min" : per.toHours() + " h";
    }

    private static Div chips(java.util.List<String> values) {
        var chips = new Div();
        chips.addClassName("chips");
        values.forEach(value -> {
            var chip = new Span(value);
            chip.addClassName("chip");
            chips.add(chip);
        });
        return chips;
    }
}
