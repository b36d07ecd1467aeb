package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.patchbay.base.PersonalData;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;
import io.patchbay.connection.StaleConnectionException;

/** The second step for templates that copy a stream as it is: the admin chooses which one (a database table, say). */
final class StreamStep extends VerticalLayout {

    private final Select<String> table = new Select<>();

    StreamStep(ConnectionService connections, SetupFlow flow) {
        table.setLabel("Table");
        table.setHelperText(
                "Tables with a single-column primary key; those with an updated_at column sync incrementally");
        table.setWidth("24rem");
        var unreachable = new Paragraph();
        unreachable.addClassName("field-error");
        unreachable.setVisible(false);
        try {
            table.setItems(connections.streams(flow.draft().id()).stream()
                    .map(StreamSpec::name)
                    .toList());
            if (flow.draft().stream() != null) {
                table.setValue(flow.draft().stream());
            }
        } catch (ConnectorException e) {
            unreachable.setText(
                    PersonalData.mask(e.error().message()) + " " + e.error().fix());
            unreachable.setVisible(true);
        }
        var back = new Button("Back", e -> flow.show(SetupStep.DETAILS));
        var next = new Button("Next: validate", e -> choose(connections, flow));
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(
                new Paragraph("Every column of the table is copied as it is into core records named after the table."),
                unreachable,
                table,
                new HorizontalLayout(back, next));
        setPadding(false);
        setMaxWidth("48rem");
    }

    private void choose(ConnectionService connections, SetupFlow flow) {
        if (table.isEmpty()) {
            table.setErrorMessage("Choose the table to sync");
            table.setInvalid(true);
            return;
        }
        try {
            flow.saved(connections.chooseStream(flow.draft().id(), flow.draft().version(), table.getValue()));
            flow.advance(SetupStep.VALIDATE);
        } catch (StaleConnectionException error) {
            flow.refused(error);
        } catch (InvalidSetupException error) {
            table.setErrorMessage(error.getMessage());
            table.setInvalid(true);
        }
    }
}
