package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

/** Small pieces the sandbox sections share. */
final class Forms {

    private Forms() {}

    /** A row of buttons or fields that wraps on a narrow screen instead of overflowing it. */
    static FlexLayout row(Component... components) {
        var row = new FlexLayout(components);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.addClassName("sandbox-row");
        return row;
    }

    /** A credential, for those who may see it: monospaced, and broken anywhere on a narrow screen. */
    static Span credential(String value) {
        var span = new Span(value);
        span.addClassName("sandbox-api-key");
        return span;
    }
}
