package io.patchbay.connection.ui;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.patchbay.catalog.TemplateChange;
import java.util.List;

/** One change between template versions, before and after; a mapping's expression as a line-by-line diff. */
public final class TemplateChangeView {

    private TemplateChangeView() {}

    public static Div of(TemplateChange change) {
        var what = new Span(change.what());
        what.addClassName("template-change-what");
        var row = new Div(what);
        row.addClassName("template-change");
        if (change.before().contains("\n") || change.after().contains("\n")) {
            row.add(lineDiff(change));
        } else {
            row.add(new Span(": " + change.before() + " → " + change.after()));
        }
        return row;
    }

    /** Every line once: kept lines plain, a hunk's removed lines (−) then its added ones (+), as a code review. */
    private static Pre lineDiff(TemplateChange change) {
        var diff = new Pre();
        diff.addClassName("mapping-expression");
        diff.addClassName("line-diff");
        diff.getElement().setAttribute("aria-label", change.what() + " changes");
        List<String> before = List.of(change.before().split("\n", -1));
        List<String> after = List.of(change.after().split("\n", -1));
        int next = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            for (; next < delta.getSource().getPosition(); next++) {
                diff.add(line("  ", before.get(next), "kept"));
            }
            delta.getSource().getLines().forEach(removed -> diff.add(line("− ", removed, "removed")));
            delta.getTarget().getLines().forEach(added -> diff.add(line("+ ", added, "added")));
            next += delta.getSource().size();
        }
        for (; next < before.size(); next++) {
            diff.add(line("  ", before.get(next), "kept"));
        }
        return diff;
    }

    private static Span line(String mark, String text, String kind) {
        var line = new Span(mark + text);
        line.addClassName("diff-" + kind);
        return line;
    }
}
