package io.patchbay.sync.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.security.PersonalDataAccess;
import io.patchbay.security.ui.RevealPersonalData;
import io.patchbay.sync.InvalidEditException;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantinedRecord;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One quarantined record: what is wrong, where it came from (run, correlation id), the record as the source gave it,
 * and as the mapping made it, with personal data masked. The tenant's admins may ask to see it (recorded), and then
 * edit the source record here: each change is mapped and checked as they type, and it saves (and is reprocessed) only
 * once it is valid.
 */
final class QuarantinedRecordDialog extends Dialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Quarantine quarantine;
    private final QuarantinedRecord record;
    private final UnorderedList problems = new UnorderedList();
    private final Pre mapped = new Pre();
    private final TextArea source = new TextArea("Source record");
    private final Button save = new Button("Save and reprocess");

    QuarantinedRecordDialog(
            Quarantine quarantine,
            QuarantinedRecord record,
            String connectionName,
            boolean mayEdit,
            PersonalDataAccess personalData,
            Consumer<QuarantinedRecord> saved) {
        this.quarantine = quarantine;
        this.record = record;
        setHeaderTitle("Record " + PersonalData.mask(record.externalId()));
        setWidth("min(56rem, 95vw)");
        problems.addClassName("quarantine-problems");
        show(record.problems());
        // personal data masked until an admin of the tenant asks to see it (recorded); a masked record is not edited
        mapped.setText(pretty(PersonalData.mask(record.mapped())));
        mapped.addClassName("mapping-expression");
        mapped.getElement().setAttribute("aria-label", "As mapped");
        source.setValue(pretty(PersonalData.mask(record.raw())));
        source.addClassName("mapping-expression");
        source.setWidthFull();
        boolean fromCore = !quarantine.editable(record.connectionId());
        source.setReadOnly(true);
        if (fromCore) {
            source.setLabel("Core record");
        }
        source.setHelperText(
                fromCore
                        ? "This core record was to be sent to " + record.stream()
                                + ": fix it where it came from, or fix" + " the mapping, then reprocess it."
                        : mayEdit && personalData.mayReveal()
                                ? "Personal data is masked: Show personal data to edit the record."
                                : "Personal data is masked. Only the tenant's admins edit records.");
        var reveal = new RevealPersonalData(
                personalData, "quarantined_record", record.id().toString(), "a quarantined record", () -> {
                    mapped.setText(pretty(record.mapped()));
                    source.setValue(pretty(record.raw()));
                    if (mayEdit && !fromCore) {
                        source.setReadOnly(false);
                        source.setHelperText("Edit the record as the source should have it; it is checked as you type"
                                + " and saves once valid. A newer read from the source replaces an edit.");
                        save.setVisible(true);
                    }
                });
        source.setValueChangeMode(ValueChangeMode.EAGER);
        source.addValueChangeListener(e -> {
            if (!source.isReadOnly()) {
                check();
            }
        });
        var facts = new Paragraph(connectionName + " · " + record.stream() + " → " + record.entity() + " · first seen "
                + Formats.time(record.firstSeenAt()) + ", last read by run " + record.correlationId() + " at "
                + Formats.time(record.lastSeenAt())
                + (record.editedBy() == null ? "" : " · edited by " + record.editedBy()));
        facts.addClassName("hint");
        var sides = new Div(source, labelled("As mapped", mapped));
        sides.addClassName("template-change-sides");
        add(facts, reveal, new Paragraph("What is wrong:"), problems, sides);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(false);
        save.setEnabled(false);
        save.addClickListener(e -> {
            try {
                saved.accept(quarantine.saveAndReprocess(record.id(), source.getValue()));
                close();
            } catch (InvalidEditException | IllegalStateException refused) {
                source.setErrorMessage(refused.getMessage());
                source.setInvalid(true);
            }
        });
        getFooter().add(new Button("Close", e -> close()), save);
    }

    private void check() {
        try {
            MappedRecord result = quarantine.check(record.id(), source.getValue());
            source.setInvalid(false);
            mapped.setText(pretty(result.data()));
            show(result.problems());
            save.setEnabled(result.valid());
        } catch (InvalidEditException notJson) {
            source.setErrorMessage(notJson.getMessage());
            source.setInvalid(true);
            save.setEnabled(false);
        }
    }

    private void show(List<RecordProblem> found) {
        problems.removeAll();
        if (found.isEmpty()) {
            problems.add(new ListItem("Nothing: it is valid now. Save to reprocess it."));
        }
        found.forEach(problem -> problems.add(new ListItem(
                PersonalData.mask(problem.reason()) + " (" + problem.kind().label() + ")")));
    }

    private static String pretty(JsonNode json) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    private static Div labelled(String label, Pre body) {
        var caption = new Paragraph(label);
        caption.addClassName("template-change-what");
        return new Div(caption, body);
    }
}
