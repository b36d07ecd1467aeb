package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.patchbay.base.Correlation;
import io.patchbay.base.ExplainedError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * The one place an error that escapes a view's action becomes what the person sees: an {@link ExplainedError} in its
 * own words with its fix, a refused permission as such, and anything else as "could not finish this" with the
 * request's correlation id to give support (the log line carries the same id). Forms still catch the errors they show
 * beside a field; this is for everything else.
 */
@org.springframework.stereotype.Component
class ViewErrors implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ViewErrors.class);

    /**
     * What the person is shown: a heading, what went wrong, and what to do (null where the text says it); {@code
     * explained} when the error says itself what happened (a refusal), not when it is a fault to log in full.
     */
    record Shown(String title, String text, @Nullable String fix, boolean explained) {}

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    private void handle(ErrorEvent event) {
        Throwable thrown = event.getThrowable();
        if (find(thrown, UIDetachedException.class) != null) {
            return; // the page was closed meanwhile: nobody is left to tell
        }
        String reference = Correlation.currentOrNull();
        Shown shown = shown(thrown, reference);
        if (shown.explained()) {
            log.info("A view action was refused: {}", shown.text());
        } else {
            log.error("A view action failed (reference {})", reference, thrown);
        }
        UI ui = event.getComponent().flatMap(Component::getUI).orElseGet(UI::getCurrent);
        if (ui != null) {
            ui.access(() -> notify(shown));
        }
    }

    /** The error taxonomy as people read it; the same words the REST handler answers machines with. */
    static Shown shown(Throwable thrown, @Nullable String reference) {
        ExplainedError explained = find(thrown, ExplainedError.class);
        if (explained != null) {
            return new Shown(explained.title(), explained.detail(), explained.fix(), true);
        }
        if (find(thrown, AccessDeniedException.class) != null) {
            return new Shown(
                    ExplainedError.Kind.FORBIDDEN.title(),
                    "Your role may not do this.",
                    "Ask an admin of this organisation if you need it done.",
                    true);
        }
        return new Shown(
                "Could not finish this",
                "Patchbay could not finish what you asked; it may not have been done.",
                "Reload the page and check. If it keeps happening, give support the reference " + reference + ".",
                false);
    }

    private static void notify(Shown shown) {
        var title = new Span(shown.title());
        title.addClassName("view-error-title");
        var body = new Div(title, new Paragraph(shown.text()));
        if (shown.fix() != null) {
            body.add(new Paragraph(shown.fix()));
        }
        body.addClassName("view-error");
        var notification = new Notification();
        var close = new Button("Close", e -> notification.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        var content = new HorizontalLayout(body, close);
        content.setAlignItems(HorizontalLayout.Alignment.START);
        notification.add(content);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setPosition(Notification.Position.MIDDLE);
        notification.setDuration(10_000);
        notification.getElement().setAttribute("role", "alert");
        notification.open();
    }

    private static <T> @Nullable T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
