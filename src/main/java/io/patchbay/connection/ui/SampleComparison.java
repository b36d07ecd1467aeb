package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.patchbay.base.PersonalData;
import io.patchbay.connection.ConnectionMappings.MappingPreview;
import io.patchbay.connection.ConnectionMappings.Sample;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping editor's samples, one at a time: the record as it came, as the mapping made it, and what is wrong with
 * it; a choice of which sample, kept across previews where it still exists. Personal data is masked until the page's
 * admin asks to see it ({@link #reveal}).
 */
class SampleComparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Select<Integer> choice = new Select<>();
    private final Pre source = new Pre();
    private final Pre mapped = new Pre();
    private final UnorderedList problems = new UnorderedList();
    private final Div pair;
    private @Nullable MappingPreview preview;
    private boolean revealed;

    SampleComparison() {
        choice.setLabel("Sample record");
        choice.addValueChangeListener(e -> showChosen());
        source.addClassName("mapping-expression");
        mapped.addClassName("mapping-expression");
        source.getElement().setAttribute("aria-label", "Source record");
        mapped.getElement().setAttribute("aria-label", "Mapped record");
        problems.addClassName("mapping-problems");
        var sourceBox = new VerticalLayout(new H3("From the source"), source);
        var mappedBox = new VerticalLayout(new H3("Into the core"), mapped, problems);
        sourceBox.setPadding(false);
        mappedBox.setPadding(false);
        pair = new Div(sourceBox, mappedBox);
        pair.addClassName("mapping-sample-pair");
    }

    /** Which sample is shown. */
    Component choice() {
        return choice;
    }

    /** The sample as it came and as it was mapped, side by side. */
    Component pair() {
        return pair;
    }

    /** Shows the samples' values from now on: the admin asked, and it is recorded. */
    void reveal() {
        revealed = true;
        showChosen();
    }

    void show(MappingPreview preview) {
        this.preview = preview;
        Integer chosen = choice.getValue();
        List<Integer> indexes =
                IntStream.range(0, preview.samples().size()).boxed().toList();
        // the old items go before the new labels come: each labelling labels the items there are, with its samples
        choice.setItems(List.of());
        choice.setItemLabelGenerator(i -> {
            Sample sample = preview.samples().get(i);
            return (i + 1) + " of " + indexes.size() + " · " + sample.source().externalId()
                    + (sample.mapped().valid() ? "" : " · invalid");
        });
        choice.setItems(indexes);
        choice.setVisible(!indexes.isEmpty());
        choice.setValue(indexes.isEmpty() ? null : chosen != null && chosen < indexes.size() ? chosen : 0);
        showChosen();
    }

    private void showChosen() {
        problems.removeAll();
        Integer index = choice.getValue();
        if (preview == null || index == null || index >= preview.samples().size()) {
            source.setText("");
            mapped.setText("");
            return;
        }
        Sample sample = preview.samples().get(index);
        source.setText(pretty(sample.source().data()));
        mapped.setText(pretty(sample.mapped().data()));
        sample.mapped().problems().forEach(problem -> problems.add(new ListItem(shown(problem.reason()))));
    }

    private String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(revealed ? node : PersonalData.mask(node));
    }

    private String shown(String text) {
        return revealed ? text : PersonalData.mask(text);
    }
}
