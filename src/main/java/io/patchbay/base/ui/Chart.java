package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chart drawn in the browser by Chart.js (MIT; Vaadin Charts is commercial), from a configuration built here. It
 * is an image to assistive technology, labelled with the summary the page also prints beside it, so the figures are
 * never only in a picture.
 */
@Tag("patchbay-chart")
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./charts/patchbay-chart.js")
public class Chart extends Component implements HasSize {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One line or bar series: its name, a value per label, its colour (CSS). */
    public record Series(String label, List<? extends Number> values, String color) {}

    public Chart() {
        addClassName("chart");
        getElement().setAttribute("role", "img");
        setWidthFull();
        setHeight("14rem");
    }

    /** Bars per label, stacked when there are several series. */
    public void bars(String summary, List<String> labels, List<Series> series) {
        ObjectNode config = config("bar", labels, series);
        ObjectNode scales = config.putObject("options").putObject("scales");
        scales.putObject("x").put("stacked", true);
        scales.putObject("y")
                .put("stacked", true)
                .put("beginAtZero", true)
                .putObject("ticks")
                .put("precision", 0);
        show(summary, config);
    }

    /** A line per series. */
    public void lines(String summary, List<String> labels, List<Series> series) {
        ObjectNode config = config("line", labels, series);
        ObjectNode scales = config.putObject("options").putObject("scales");
        scales.putObject("y").put("beginAtZero", true).putObject("ticks").put("precision", 0);
        show(summary, config);
    }

    private static ObjectNode config(String type, List<String> labels, List<Series> series) {
        ObjectNode config = JSON.objectNode().put("type", type);
        ObjectNode data = config.putObject("data");
        ArrayNode labelNodes = data.putArray("labels");
        labels.forEach(labelNodes::add);
        ArrayNode sets = data.putArray("datasets");
        for (Series each : series) {
            ObjectNode set = sets.addObject()
                    .put("label", each.label())
                    .put("backgroundColor", each.color())
                    .put("borderColor", each.color())
                    .put("pointRadius", 0)
                    .put("borderWidth", type.equals("line") ? 2 : 0);
            ArrayNode values = set.putArray("data");
            each.values().forEach(value -> values.add(value.doubleValue()));
        }
        return config;
    }

    private void show(String summary, ObjectNode config) {
        ObjectNode options = (ObjectNode) config.get("options");
        options.putObject("plugins").putObject("legend").put("position", "bottom");
        getElement().setAttribute("aria-label", summary);
        getElement().setProperty("config", config.toString());
    }
}
