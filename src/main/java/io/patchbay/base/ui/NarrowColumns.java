package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * Folds a grid's secondary columns away on a phone: they are hidden while the browser window is narrower than a
 * width, and the owner says so ({@code data-narrow}) for styles that move what matters into the columns left.
 */
public final class NarrowColumns {

    /** Below this width a grid shows only the columns that matter. */
    public static final int PHONE_PX = 700;

    private NarrowColumns() {}

    /** Hides {@code columns} below {@link #PHONE_PX} from each attach of {@code owner} to the detach after it. */
    public static void fold(Component owner, List<? extends Grid.Column<?>> columns) {
        owner.addAttachListener(attached -> {
            var page = attached.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> fit(owner, columns, details.getWindowInnerWidth()));
            Registration resizing =
                    page.addBrowserWindowResizeListener(resize -> fit(owner, columns, resize.getWidth()));
            owner.addDetachListener(detached -> {
                resizing.remove();
                detached.unregisterListener();
            });
        });
    }

    private static void fit(Component owner, List<? extends Grid.Column<?>> columns, int width) {
        boolean wide = width >= PHONE_PX;
        columns.forEach(column -> column.setVisible(wide));
        owner.getElement().setAttribute("data-narrow", String.valueOf(!wide));
    }
}
