package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.base.PersonalData;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.SetupStep;
import io.patchbay.connection.ValidationReport;

/**
 * The third step: a dry run on the first records the source gives, through the mapping, the schema and the template's
 * rules, nothing written. The setup goes on once the report passes; it is kept, and reopens from the connection's
 * page.
 */
final class ValidateStep extends VerticalLayout {

    private final ConnectionValidation validation;
    private final SetupFlow flow;
    private final Div report = new Div();
    private final Button next = new Button("Next: schedule");

    ValidateStep(ConnectionValidation validation, SetupFlow flow) {
        this.validation = validation;
        this.flow = flow;
        var back = new Button("Back", e -> flow.show(SetupStep.MAPPING));
        var again = new Button("Validate again", e -> run());
        var editMapping = new Anchor("connections/" + flow.draft().id() + "/mapping", "Edit mapping");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> flow.advance(SetupStep.SCHEDULE));
        var buttons = new HorizontalLayout(back, again, next, editMapping);
        buttons.setAlignItems(Alignment.BASELINE);
        buttons.setWrap(true);
        add(
                new Paragraph("Patchbay takes the first records this connection would move (read from the source; for"
                        + " a destination, your newest core records) and puts each through the mapping and the checks"
                        + " it must pass, writing nothing. Records that fail later are kept in quarantine for you to"
                        + " fix, never dropped."),
                report,
                buttons);
        setPadding(false);
        setMaxWidth("56rem");
        // the report of this very setup, if it was run already; else run it now
        validation
                .newest(flow.draft().id())
                .filter(r -> r.connectionVersion() == flow.draft().version())
                .ifPresentOrElse(this::show, this::run);
    }

    private void run() {
        try {
            show(validation.validate(flow.draft().id()));
        } catch (ConnectorException e) {
            report.removeAll();
            var failed = new Paragraph("The source could not be read: "
                    + PersonalData.mask(e.error().message()) + " How to fix it: "
                    + e.error().fix());
            failed.addClassName("field-error");
            report.add(failed);
            next.setEnabled(false);
        }
    }

    private void show(ValidationReport found) {
        report.removeAll();
        report.add(new ValidationReportPanel(found));
        next.setEnabled(found.passed());
    }
}
