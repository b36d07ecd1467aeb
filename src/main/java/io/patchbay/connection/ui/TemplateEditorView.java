package io.patchbay.connection.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.StaleTemplateException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateAudience;
import io.patchbay.catalog.TemplateChange;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionTemplates;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One template for a solutions engineer: its draft as YAML (checked on every save, problems named by line), its
 * published versions with release notes and what each changed, Publish, and Apply to a customer's tenant. A shipped
 * template is shown read-only.
 */
@Route("templates/:templateId")
@RolesAllowed("SOLUTIONS_ENGINEER")
class TemplateEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final TemplateLibrary library;
    private final ConnectionTemplates templates;
    private final StaffAccess staff;

    private final H1 title = new H1();
    private final Paragraph summary = new Paragraph();
    private final TextArea yaml = new TextArea("Draft (YAML)");
    private final Div problem = new Div();
    private final Button save = new Button("Save draft");
    private final Button publish = new Button("Publish");
    private final Button apply = new Button("Apply to a tenant…");
    private final Button retire = new Button("Retire…");
    private final Grid<Template> versions = new Grid<>();
    private @Nullable TemplateDraft draft;
    private String id = "";

    TemplateEditorView(TemplateLibrary library, ConnectionTemplates templates, StaffAccess staff) {
        this.library = library;
        this.templates = templates;
        this.staff = staff;
        addClassName("template-editor-view");
        yaml.addClassName("template-yaml");
        yaml.setWidthFull();
        yaml.setHelperText("Template format 1 (docs/templates.md): settings are defaults, locked ones the customer "
                + "cannot change, the mapping is JSLT. Checked against the connector and the schema registry on save.");
        problem.addClassName("dialog-error");
        problem.getElement().setAttribute("role", "alert");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> saveDraft());
        publish.addClickListener(e -> openPublish());
        apply.addClickListener(e -> openApply());
        retire.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        retire.addClickListener(e -> openRetire());

        versions.addColumn(t -> "v" + t.version())
                .setHeader("Version")
                .setAutoWidth(true)
                .setFlexGrow(0);
        versions.addColumn(Template::releaseNotes).setHeader("Release notes").setFlexGrow(3);
        versions.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(this::changesOf));
        versions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        versions.setAllRowsVisible(true);
        versions.setAriaLabel("Published versions");

        add(
                new Html("<a href='templates' class='back-link'>← Templates</a>"),
                title,
                summary,
                problem,
                yaml,
                new HorizontalLayout(save, publish, apply, retire),
                new H2("Published versions"),
                versions);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().get("templateId").orElse("");
        if (library.versions(id).isEmpty() && library.draft(id).isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return title.getText() + " · Patchbay";
    }

    private void refresh() {
        List<Template> published = library.versions(id);
        draft = library.draft(id).orElse(null);
        boolean shipped = library.shipped(id);
        title.setText(draft != null ? draft.name() : published.getLast().name());
        versions.setItems(published.reversed());
        apply.setEnabled(!published.isEmpty());
        apply.setTooltipText(published.isEmpty() ? "Publish a first version to apply it" : null);
        if (shipped || draft == null) {
            summary.setText("Shipped with Patchbay (" + id + "): read-only. Save a connection made from it as a "
                    + "template of your own to change it.");
            yaml.setLabel("Template (YAML), v" + published.getLast().version());
            yaml.setValue(library.yaml(published.getLast()));
            yaml.setReadOnly(true);
            save.setVisible(false);
            publish.setVisible(false);
            retire.setVisible(false);
        } else {
            summary.setText("Id " + id + " · "
                    + (draft.published() == 0 ? "not published yet" : "newest published v" + draft.published())
                    + " · the draft becomes v" + (draft.published() + 1)
                    + " when published · " + TemplateOffer.describe(draft, staff.tenants()) + ".");
            retire.setVisible(draft.published() > 0 && draft.retiredAt() == null);
            yaml.setLabel("Draft (YAML)");
            yaml.setValue(draft.yaml());
            yaml.setReadOnly(false);
            publish.setText("Publish v" + (draft.published() + 1));
        }
        problem.setText("");
    }

    private void saveDraft() {
        if (draft == null) {
            return;
        }
        try {
            draft = library.saveDraft(id, draft.revision(), yaml.getValue());
            problem.setText("");
            Notification.show("Draft saved.", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (InvalidTemplateException e) {
            showProblem((e.line() > 0 ? "Line " + e.line() + ": " : "") + e.reason() + " Nothing was saved.");
        } catch (StaleTemplateException e) {
            showProblem(e.getMessage());
        }
    }

    private void showProblem(String text) {
        problem.setText(text);
        problem.getElement().callJsFunction("scrollIntoView");
    }

    private void openPublish() {
        if (draft == null) {
            return;
        }
        TemplateDraft opened = draft;
        Template reviewed;
        try {
            reviewed = library.parse(opened);
        } catch (InvalidTemplateException e) {
            showProblem("Save a draft that passes the check before publishing it: " + e.reason());
            return;
        }
        var dialog = new Dialog();
        dialog.setHeaderTitle("Publish v" + (opened.published() + 1) + " of " + opened.name());
        var review = new Div(
                new Paragraph("Name: " + reviewed.name()),
                new Paragraph(
                        "Description: " + (reviewed.description().isBlank() ? "(none)" : reviewed.description())));
        review.addClassName("template-review");
        var reviewHint = new Paragraph("Admins read these in their gallery: they should say what the template does,"
                + " not name another customer or their connection. Edit the draft to change them.");
        reviewHint.addClassName("hint");
        var audience = new RadioButtonGroup<Boolean>("Offered to");
        audience.setItems(true, false);
        audience.setItemLabelGenerator(everyone -> everyone ? "Every tenant" : "Only the tenants chosen here");
        var tenants = new MultiSelectComboBox<Tenant>("Tenants");
        List<Tenant> customers = staff.tenants();
        tenants.setItems(customers);
        tenants.setItemLabelGenerator(Tenant::name);
        tenants.setWidthFull();
        tenants.setValue(customers.stream()
                .filter(t -> opened.audience().tenants().contains(t.id()))
                .collect(Collectors.toSet()));
        // a first version is for the tenants chosen unless the engineer says every tenant: nothing leaks by default
        audience.setValue(opened.published() > 0 && opened.audience().everyone());
        tenants.setVisible(!audience.getValue());
        audience.addValueChangeListener(e -> tenants.setVisible(!e.getValue()));
        var notes = new TextArea("Release notes");
        notes.setHelperText("What changes for connections that upgrade; they read this before they do.");
        notes.setWidthFull();
        dialog.add(
                new Paragraph(
                        "The saved draft becomes a version that never changes. Unsaved edits are not " + "included."),
                review,
                reviewHint,
                audience,
                tenants,
                notes);
        dialog.setWidth("min(36rem, 95vw)");
        var confirm = new Button("Publish", e -> {
            try {
                TemplateAudience offeredTo = audience.getValue()
                        ? TemplateAudience.EVERYONE
                        : TemplateAudience.only(
                                tenants.getValue().stream().map(Tenant::id).collect(Collectors.toSet()));
                Template version = library.publish(id, opened.revision(), notes.getValue(), offeredTo);
                dialog.close();
                Notification.show("Published v" + version.version() + ".", 4000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (InvalidTemplateException problemFound) {
                notes.setErrorMessage(problemFound.reason());
                notes.setInvalid(true);
            } catch (StaleTemplateException stale) {
                notes.setErrorMessage(stale.getMessage());
                notes.setInvalid(true);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void openRetire() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Retire " + title.getText());
        var error = new Div();
        error.addClassName("dialog-error");
        dialog.add(
                new Paragraph("It leaves every gallery: no new setup starts from it. Its versions stay, for history."
                        + " A template that connections are made from cannot be retired."),
                error);
        dialog.setWidth("min(32rem, 95vw)");
        var confirm = new Button("Retire", e -> {
            try {
                library.retire(id);
                dialog.close();
                refresh();
            } catch (InvalidTemplateException refused) {
                error.setText("Not retired: " + refused.reason() + ".");
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void openApply() {
        Template newest = library.versions(id).getLast();
        var dialog = new Dialog();
        dialog.setHeaderTitle("Apply " + newest.name() + " v" + newest.version());
        var tenant = new ComboBox<Tenant>("Customer tenant");
        tenant.setItems(staff.tenants());
        tenant.setItemLabelGenerator(Tenant::name);
        tenant.setWidthFull();
        var reason = new TextArea("Why");
        reason.setPlaceholder("e.g. \"Onboarding call: their CRM sync\"");
        reason.setHelperText("You work in that tenant from now on; the visit is recorded in its audit trail.");
        reason.setWidthFull();
        dialog.add(
                new Paragraph("Creates a setup in that tenant with the template's settings filled in; its admin "
                        + "completes it (locked settings stay as the template has them)."),
                tenant,
                reason);
        dialog.setWidth("min(32rem, 95vw)");
        var confirm = new Button("Apply", e -> {
            if (tenant.getValue() == null) {
                tenant.setErrorMessage("Choose a tenant.");
                tenant.setInvalid(true);
                return;
            }
            try {
                Connection created = templates.apply(id, tenant.getValue().id(), reason.getValue());
                dialog.close();
                getUI().ifPresent(ui -> ui.getPage().setLocation("/connections/" + created.id() + "/setup"));
            } catch (IllegalArgumentException problemFound) {
                reason.setErrorMessage(problemFound.getMessage());
                reason.setInvalid(true);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    /** What a version changed from the one before it. */
    private Div changesOf(Template version) {
        var box = new Div();
        box.addClassName("template-changes");
        library.find(id, version.version() - 1)
                .ifPresentOrElse(
                        before -> {
                            List<TemplateChange> changes = library.diff(before, version);
                            if (changes.isEmpty()) {
                                box.add(new Paragraph("Nothing changed from v" + before.version() + "."));
                            }
                            changes.forEach(change -> box.add(TemplateChangeView.of(change)));
                        },
                        () -> box.add(new Paragraph("The first version.")));
        return box;
    }
}
