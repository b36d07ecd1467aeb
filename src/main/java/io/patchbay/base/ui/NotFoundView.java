package io.patchbay.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for pages that do not exist and for objects of another tenant alike: which of the two it is must not be
 * told apart.
 */
@PageTitle("Not found · Patchbay")
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    private static final String GENERIC = "This page does not exist, or it is not yours to see.";

    private final Paragraph why = new Paragraph(GENERIC);

    NotFoundView() {
        addClassName("not-found-view");
        add(new H2("Not found"), why, new Anchor("", "Back to integrations"));
    }

    /** A page that knows better says why (a search found nothing, say); never whether something of another exists. */
    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        why.setText(parameter.hasCustomMessage() ? parameter.getCustomMessage() : GENERIC);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
