package io.patchbay.connection.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import io.patchbay.catalog.TemplateChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateChangeViewTest {

    @Test
    void aMappingChangeReadsLineByLineEachLineOnceMarkedKeptRemovedOrAdded() {
        var change = new TemplateChange(
                "Mapping",
                "{\n  \"email\": .email,\n  \"phone\": .phone\n}",
                "{\n  \"email\": normalize-email(.email),\n  \"phone\": .phone,\n  \"title\": .job_title\n}");

        List<String> lines = lines(TemplateChangeView.of(change));

        assertThat(lines)
                .containsExactly(
                        "kept:  {",
                        "removed:−   \"email\": .email,",
                        "removed:−   \"phone\": .phone",
                        "added:+   \"email\": normalize-email(.email),",
                        "added:+   \"phone\": .phone,",
                        "added:+   \"title\": .job_title",
                        "kept:  }");
    }

    @Test
    void aOneLineChangeReadsBeforeAndAfter() {
        var row = TemplateChangeView.of(new TemplateChange("Setting pageSize", "200", "250"));

        assertThat(row.getElement().getTextRecursively()).isEqualTo("Setting pageSize: 200 → 250");
    }

    private static List<String> lines(Component row) {
        return row.getChildren()
                .flatMap(Component::getChildren)
                .filter(Span.class::isInstance)
                .map(line -> line.getElement().getAttribute("class").replace("diff-", "") + ":"
                        + line.getElement().getText())
                .toList();
    }
}
