package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.SetupStep;
import io.patchbay.connection.ValidationReport;
import io.patchbay.connection.WholeReads.WholeRead;
import java.util.Optional;

/**
 * The third step: a dry run on a sample of the source (its first records), through the mapping, the schema and the
 * template's rules, nothing written; and Validate everything, the whole source read the same way by a run of its own,
 * followed here as it reads. The setup goes on once the newest report passes; it is kept, and reopens from the
 * connection's page.
 */
final class ValidateStep extends VerticalLayout {

    private final ConnectionValidation validation;
    private final SetupFlow flow;
    private final Div report = new Div();
    private final Paragraph reading = new Paragraph();
    private final Button everything = new Button("Validate everything");
    private final Button next = new Button("Next: schedule");
    private Optional<WholeRead> followed = Optional.empty();

    ValidateStep(ConnectionValidation validation, SetupFlow flow, LiveUpdates live) {
        this.validation = validation;
        this.flow = flow;
        var back = new Button("Back", e -> flow.show(SetupStep.MAPPING));
        var again = new Button("Validate a sample again", e -> run());
        var editMapping = new Anchor("connections/" + flow.draft().id() + "/mapping", "Edit mapping");
        everything.addClickListener(e -> readEverything());
        everything.setTooltipText("Reads every record the source gives, as the first sync will, and writes nothing");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> flow.advance(SetupStep.SCHEDULE));
        var buttons = new HorizontalLayout(back, again, everything, next, editMapping);
        buttons.setAlignItems(Alignment.BASELINE);
        buttons.setWrap(true);
        reading.addClassName("whole-read-progress");
        reading.getElement().setAttribute("role", "status");
        reading.setVisible(false);
        add(
                new Paragraph("Patchbay puts records this connection would move through the mapping and the checks"
                        + " they must pass, writing nothing: first a sample (the source's first records; for a"
                        + " destination, your newest core records). Validate everything reads every record the"
                        + " source gives, as the first sync will. Records that fail later are kept in quarantine for"
                        + " you to fix, never dropped."),
                report,
                reading,
                buttons);
        setPadding(false);
        setMaxWidth("56rem");
        // the report of this very setup, if it was run already; else run it now
        validation
                .newest(flow.draft().id())
                .filter(r -> r.connectionVersion() == flow.draft().version())
                .ifPresentOrElse(this::show, this::run);
        // a read of everything goes on whether or not the page is open: followed here while it is
        followed = validation.newestWholeRead(flow.draft().id()).filter(read -> !read.finished());
        followed.ifPresent(this::showReading);
        live.whileAttached(
                this, activity -> activity.connection().equals(flow.draft().id().value()), this::refreshReading);
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

    private void readEverything() {
        WholeRead started = validation.validateEverything(flow.draft().id());
        followed = Optional.of(started);
        showReading(started);
    }

    /** Shows how far the followed read got; once it ends, its report. */
    private void refreshReading() {
        if (followed.isEmpty()) {
            return;
        }
        String correlationId = followed.get().correlationId();
        validation
                .newestWholeRead(flow.draft().id())
                .filter(read -> read.correlationId().equals(correlationId))
                .ifPresent(read -> {
                    if (!read.finished()) {
                        showReading(read);
                        return;
                    }
                    followed = Optional.empty();
                    everything.setEnabled(true);
                    if (read.failure() != null) {
                        reading.setText("Validate everything stopped after "
                                + Plurals.count(read.read(), "record", "records") + ": "
                                + PersonalData.mask(read.failure()));
                        reading.addClassName("field-error");
                        return;
                    }
                    reading.setVisible(false);
                    validation.newest(flow.draft().id()).ifPresent(this::show);
                });
    }

    private void showReading(WholeRead read) {
        everything.setEnabled(false);
        reading.removeClassName("field-error");
        reading.setVisible(true);
        reading.setText("Validating everything (run " + read.correlationId() + "): "
                + Plurals.count(read.read(), "record", "records") + " read so far, nothing written…");
    }

    private void show(ValidationReport found) {
        report.removeAll();
        report.add(new ValidationReportPanel(found));
        next.setEnabled(found.passed());
    }
}
