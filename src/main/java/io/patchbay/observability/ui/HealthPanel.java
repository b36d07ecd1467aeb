package io.patchbay.observability.ui;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.ConnectionHealth;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthTransition;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A connection's stored health explained: the reason, the recommended fix, since when and what caused it, and the
 * changes before it (each with its cause, a run's correlation id or a person's action).
 */
class HealthPanel extends Div {

    private static final int HISTORY = 20;

    private final HealthService health;
    private final Paragraph reason = new Paragraph();
    private final Paragraph fix = new Paragraph();
    private final Paragraph since = new Paragraph();
    private final UnorderedList history = new UnorderedList();
    private final Details historyBox = new Details("Health history", history);
    private @Nullable ConnectionId shown;

    HealthPanel(HealthService health) {
        this.health = health;
        addClassName("health-box");
        reason.addClassName("health-reason");
        fix.addClassName("health-fix");
        since.addClassName("health-since");
        history.addClassName("health-history");
        // read when opened, and again on each refresh while open
        historyBox.addOpenedChangeListener(e -> showHistory());
        add(reason, fix, since, historyBox);
    }

    void show(ConnectionHealth current) {
        reason.setText(PersonalData.mask(current.health().reason()));
        fix.setText(
                current.health().fix() == null
                        ? ""
                        : "Recommended fix: " + current.health().fix());
        fix.setVisible(current.health().fix() != null);
        shown = current.connectionId();
        since.setText(current.health().status().label() + " since " + Formats.time(current.since())
                + health.transitions(current.connectionId(), 1).stream()
                        .findFirst()
                        .map(newest -> " · " + newest.cause())
                        .orElse(""));
        showHistory();
    }

    private void showHistory() {
        history.removeAll();
        if (shown == null || !historyBox.isOpened()) {
            return;
        }
        List<HealthTransition> transitions = health.transitions(shown, HISTORY);
        for (HealthTransition transition : transitions) {
            var to = new Span(transition.to().label());
            to.addClassName("health-transition-to");
            to.getElement().setAttribute("data-health", transition.to().name().toLowerCase(Locale.ROOT));
            var item = new ListItem(
                    new Span(Formats.time(transition.at()) + " "),
                    new Span(transition.from() == null ? "" : transition.from().label() + " → "),
                    to,
                    new Span(": " + PersonalData.mask(transition.reason()) + " (" + transition.cause() + ")"));
            item.addClassName("health-transition");
            history.add(item);
        }
    }
}
