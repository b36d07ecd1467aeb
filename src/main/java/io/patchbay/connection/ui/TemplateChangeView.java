package io.patchbay.connection.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.patchbay.catalog.TemplateChange;

/** One change between template versions, before and after; a mapping's two expressions side by side. */
public final class TemplateChangeView {

    private TemplateChangeView() {}

    public static Div of(TemplateChange change) {
        var what = new Span(change.what());
        what.addClassName("template-change-what");
        var row = new Div(what);
        row.addClassName("template-change");
        if (change.before().contains("\n") || change.after().contains("\n")) {
            var before = new Pre(change.before());
            var after = new Pre(change.after());
            before.addClassName("mapping-expression");
            after.addClassName("mapping-expression");
            before.getElement().setAttribute("aria-label", change.what() + " before");
            after.getElement().setAttribute("aria-label", change.what() + " after");
            var sides = new Div(before, after);
            sides.addClassName("template-change-sides");
            row.add(sides);
        } else {
            row.add(new Span(": " + change.before() + " → " + change.after()));
        }
        return row;
    }
}
