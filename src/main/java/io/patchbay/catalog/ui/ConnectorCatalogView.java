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
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every connector this hub runs: version, what it can do, how it signs in, its streams and the templates on it, and
 * the pace it keeps.
 */
@Route("connectors")
@PageTitle("Connectors · Patchbay")
@PermitAll
class ConnectorCatalogView extends VerticalLayout {

    ConnectorCatalogView(ConnectorCatalog catalog) {
        addClassName("connector-catalog-view");
        var grid = new Grid<ConnectorSpec>();
        grid.addColumn(ConnectorSpec::displayName).setHeader("Connector").setAutoWidth(true);
        grid.addColumn(ConnectorSpec::reference).setHeader("Version").setAutoWidth(true);
        grid.addComponentColumn(spec -> chips(spec.capabilities().stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList()))
                .setHeader("Can")
                .setAutoWidth(true);
        grid.addColumn(spec -> String.join(", ", spec.authMethods()).replace('_', ' '))
                .setHeader("Signs in with")
                .setAutoWidth(true);
        grid.addColumn(spec -> spec.streams().stream()
                        .map(s -> s.name() + (s.cursorField() == null ? " (full)" : " (incremental)"))
                        .collect(Collectors.joining(", ")))
                .setHeader("Streams")
                .setFlexGrow(1);
        grid.addColumn(spec -> catalog.templates().stream()
                        .filter(t -> t.connector().equals(spec.reference()))
                        .map(Template::name)
                        .collect(Collectors.joining(", ")))
                .setHeader("Templates")
                .setFlexGrow(1);
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
                new Paragraph("What this hub can connect to. Every connector runs on the same runtime, "
                        + "passes the same certification kit in the build, and reports errors in the same words. Select a row for "
                        + "its settings and streams."),
                grid);
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
