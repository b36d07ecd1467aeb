package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A two-column list of labelled facts (connector, schedule, API key hint ...), styled by the theme's {@code .facts}. */
public class Facts extends Div {

    public Facts() {
        addClassName("facts");
    }

    public Facts fact(String label, String value) {
        return fact(label, new Span(value));
    }

    public Facts fact(String label, Component value) {
        var term = new Span(label);
        term.addClassName("fact-label");
        value.addClassName("fact-value");
        var row = new Div(term, value);
        row.addClassName("fact");
        add(row);
        return this;
    }
}
