package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Formats;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.ValidationReport;
import io.patchbay.connection.ValidationReport.RecordVerdict;
import java.util.List;

/**
 * A validation report as a person reads it: the verdict first, then what is missing from the mapping, the guardrails
 * the setup breaks, notes, what was read and when, and each invalid record with its problems.
 */
final class ValidationReportPanel extends Div {

    public ValidationReportPanel(ValidationReport report) {
        addClassName("validation-report");
        var verdict = new Div(new Span((report.passed() ? "✓ Passed: " : "✗ Not passed: ") + report.verdict()));
        verdict.addClassName("test-result");
        verdict.getElement().setAttribute("data-outcome", report.passed() ? "success" : "failure");
        verdict.getElement().setAttribute("role", "status");
        var when = new Paragraph((report.read() == null
                        ? "Read: a sample of " + Plurals.count(report.sampled(), "record", "records") + "."
                        : "Read: " + report.read())
                + " Run by " + report.createdBy() + ", " + Formats.time(report.createdAt())
                + "; nothing was written.");
        when.addClassName("hint");
        add(verdict, when);
        list("Missing from the mapping", report.missingFields());
        list(
                "Guardrails this setup breaks (ask for an exception on the next step, or change the setup)",
                report.guardrails());
        list("Notes", report.notes());
        List<RecordVerdict> invalid =
                report.records().stream().filter(r -> !r.valid()).toList();
        if (!invalid.isEmpty()) {
            var grid = new Grid<RecordVerdict>();
            grid.addColumn(r -> PersonalData.mask(r.externalId()))
                    .setHeader("Record")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
            grid.addColumn(r -> PersonalData.mask(String.join("; ", r.problems())))
                    .setHeader("Why it is invalid")
                    .setFlexGrow(3);
            grid.setItems(invalid);
            grid.setAllRowsVisible(true);
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
            grid.setAriaLabel("Invalid records");
            grid.addClassName("invalid-samples");
            add(
                    new Paragraph(report.invalid() + " of " + Plurals.count(report.sampled(), "record", "records")
                            + " read " + Plurals.agreeing(report.invalid(), "is", "are") + " invalid"
                            + (invalid.size() < report.invalid()
                                    ? "; the first " + invalid.size() + " are listed:"
                                    : ":")),
                    grid);
        }
    }

    /** Reopens the connection's newest report in a dialog; hidden while it has none. */
    public static Button button(ConnectionValidation validation, ConnectionId connection) {
        var button = new Button("Validation report", VaadinIcon.CLIPBOARD_CHECK.create());
        button.setVisible(validation.newest(connection).isPresent());
        button.addClickListener(e -> validation.newest(connection).ifPresent(report -> {
            var dialog = new Dialog(new ValidationReportPanel(report));
            dialog.setHeaderTitle("Validation report");
            dialog.setWidth("min(56rem, 95vw)");
            dialog.getFooter().add(new Button("Close", close -> dialog.close()));
            dialog.open();
        }));
        return button;
    }

    private void list(String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        var list = new UnorderedList();
        items.forEach(item -> list.add(new ListItem(item)));
        add(new Paragraph(title + ":"), list);
    }
}
