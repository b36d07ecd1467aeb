package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.tenancy.StaffAccess;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solutions engineer's templates: the shipped ones (read-only) and those built here, with each one's newest
 * published version and whether its draft has changes waiting.
 */
@Route("templates")
@PageTitle("Templates · Patchbay")
@RolesAllowed("SOLUTIONS_ENGINEER")
class TemplateListView extends VerticalLayout {

    TemplateListView(TemplateLibrary library, StaffAccess staff) {
        addClassName("template-list-view");
        var paste = new Button("New from YAML", e -> openImport(library));
        var header = new HorizontalLayout(new H1("Templates"), paste);
        header.setWidthFull();
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        add(
                header,
                new Paragraph("Every setup starts from a template. Build one from a working connection with Save as "
                        + "template on its page, edit its draft here, publish versions with release notes and apply "
                        + "it to a customer's tenant. Connections on an older version are offered the newest."));

        Map<String, Row> rows = new LinkedHashMap<>();
        for (Template template : library.gallery()) {
            if (library.shipped(template.id())) {
                rows.put(
                        template.id(),
                        new Row(
                                template.id(),
                                template.name(),
                                template.connector(),
                                "Shipped",
                                template.version(),
                                "",
                                "offered to every tenant"));
            }
        }
        List<io.patchbay.tenancy.Tenant> tenants = staff.tenants();
        for (TemplateDraft draft : library.drafts()) {
            String connector =
                    library.latest(draft.id()).map(Template::connector).orElse("");
            rows.put(
                    draft.id(),
                    new Row(
                            draft.id(),
                            draft.name(),
                            connector,
                            "Built",
                            draft.published(),
                            draft.retiredAt() == null ? "draft of v" + (draft.published() + 1) : "",
                            TemplateOffer.describe(draft, tenants)));
        }
        var grid = new Grid<Row>();
        grid.addComponentColumn(row -> new RouterLink(
                        row.name(), TemplateEditorView.class, new RouteParameters("templateId", row.id())))
                .setHeader("Template")
                .setWidth("10rem")
                .setFlexGrow(2);
        // on a phone the template and where it stands; the rest is on its page
        List<Grid.Column<Row>> folded = new java.util.ArrayList<>();
        folded.add(grid.addColumn(Row::id).setHeader("Id").setAutoWidth(true));
        folded.add(grid.addColumn(Row::source).setHeader("Source").setAutoWidth(true));
        grid.addColumn(row -> row.version() == 0 ? "not published" : "v" + row.version())
                .setHeader("Published")
                .setAutoWidth(true);
        folded.add(grid.addColumn(Row::draft).setHeader("Draft").setAutoWidth(true));
        folded.add(grid.addColumn(Row::offeredTo).setHeader("Galleries").setAutoWidth(true));
        folded.add(grid.addColumn(Row::connector).setHeader("Connector").setAutoWidth(true));
        NarrowColumns.fold(this, folded);
        grid.setItems(List.copyOf(rows.values()));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Templates");
        add(grid);
    }

    /** A template document pasted (one exported from here or another Patchbay) becomes a built template's draft. */
    private void openImport(TemplateLibrary library) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New template from YAML");
        var yaml = new TextArea("Template (YAML)");
        yaml.addClassName("template-yaml");
        yaml.setWidthFull();
        yaml.setHelperText("Template format 1 (docs/templates.md), e.g. a template's YAML copied from its page. Its id "
                + "must be new; it becomes the draft of version 1.");
        dialog.add(yaml);
        dialog.setWidth("min(44rem, 95vw)");
        var create = new Button("Create draft", e -> {
            try {
                TemplateDraft draft = library.importYaml(yaml.getValue());
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate("templates/" + draft.id()));
            } catch (InvalidTemplateException problem) {
                yaml.setErrorMessage((problem.line() > 0 ? "Line " + problem.line() + ": " : "") + problem.reason());
                yaml.setInvalid(true);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private record Row(
            String id, String name, String connector, String source, int version, String draft, String offeredTo) {}
}
