package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionService;
import jakarta.annotation.security.RolesAllowed;

/** "Add integration": the templates a setup can start from. */
@Route("connections/new")
@PageTitle("Add integration · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class TemplateGalleryView extends VerticalLayout {

    TemplateGalleryView(TemplateLibrary library, ConnectionService connections) {
        addClassName("template-gallery-view");
        add(
                new H1("Add integration"),
                new Paragraph("Pick a template. It brings the connector, the field mapping and a "
                        + "schedule that suit most teams; you fill in your system's details and test them."));
        var cards = new Div();
        cards.addClassName("template-cards");
        var templates = library.gallery();
        for (Template template : templates) {
            var use = new Button("Use template", e -> {
                Connection draft = connections.startSetup(template.id());
                getUI().ifPresent(ui -> ui.navigate("connections/" + draft.id() + "/setup"));
            });
            use.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            use.setAriaLabel("Use template " + template.name());
            var connector = new Span(template.connector() + " · template v" + template.version()
                    + (template.destination() ? " · sends " + template.entity() + " records" : ""));
            connector.addClassName("template-meta");
            var card = new Div(new H3(template.name()), connector, new Paragraph(template.description()), use);
            card.addClassName("template-card");
            cards.add(card);
        }
        if (templates.isEmpty()) {
            cards.add(new Paragraph("No templates are installed."));
        }
        add(cards);
    }
}
