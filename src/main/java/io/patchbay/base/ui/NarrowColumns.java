package io.patchbay.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * Folds a grid's secondary columns away on a phone: they are hidden while the browser window is narrower than a
 * width, and the owner says so ({@code data-narrow}) for styles that move what matters into the columns left.
 */
public final class NarrowColumns {

    private static final String WANTED = "narrow-columns.wanted";
    private static final String WIDE = "narrow-columns.wide";

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

    /**
     * Says whether the owner wants a folded column at all (a connection's own page has no use for a column naming the
     * connection): it shows where it is wanted and the window is wide enough.
     */
    public static void want(Grid.Column<?> column, boolean wanted) {
        ComponentUtil.setData(column, WANTED, wanted);
        Object wide = ComponentUtil.getData(column, WIDE);
        column.setVisible(wanted && !Boolean.FALSE.equals(wide));
    }

    private static void fit(Component owner, List<? extends Grid.Column<?>> columns, int width) {
        boolean wide = width >= PHONE_PX;
        columns.forEach(column -> {
            ComponentUtil.setData(column, WIDE, wide);
            column.setVisible(wide && !Boolean.FALSE.equals(ComponentUtil.getData(column, WANTED)));
        });
        owner.getElement().setAttribute("data-narrow", String.valueOf(!wide));
    }
}
