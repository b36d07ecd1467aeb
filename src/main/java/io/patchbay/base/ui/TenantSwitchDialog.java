package io.patchbay.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;

/**
 * Staff choose the customer tenant they work in, and say why: the reason is audited in that tenant, with who and
 * when. The page then starts afresh in that tenant.
 */
public class TenantSwitchDialog extends Dialog {

    public TenantSwitchDialog(StaffAccess staff) {
        setHeaderTitle("Choose the tenant you work in");
        var tenant = new ComboBox<Tenant>("Tenant");
        tenant.setItems(staff.tenants());
        tenant.setItemLabelGenerator(t -> t.name() + (t.sandbox() ? " · sandbox" : ""));
        tenant.setWidthFull();
        staff.current().filter(current -> !current.operator()).ifPresent(tenant::setValue);
        var reason = new TextArea("Why");
        reason.setPlaceholder("The ticket or request you work on, e.g. \"Ticket 4521: invoices stopped syncing\"");
        reason.setHelperText("Recorded in the tenant's audit trail with your name; the customer can read it.");
        reason.setMinLength(StaffAccess.MIN_REASON);
        reason.setWidthFull();
        var body = new VerticalLayout(
                new Paragraph("Everything you see and do from now on is in that tenant, as its own users see it."),
                tenant,
                reason);
        body.setPadding(false);
        add(body);
        setWidth("min(32rem, 95vw)");
        var enter = new Button("Work in this tenant", e -> {
            if (tenant.getValue() == null) {
                tenant.setErrorMessage("Choose a tenant.");
                tenant.setInvalid(true);
                return;
            }
            try {
                staff.workIn(tenant.getValue().id(), reason.getValue());
                close();
                UI.getCurrent().getPage().setLocation("/");
            } catch (IllegalArgumentException problem) {
                reason.setErrorMessage(problem.getMessage());
                reason.setInvalid(true);
            }
        });
        enter.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()));
        if (!staff.atHome()) {
            getFooter().add(new Button("Leave this tenant", e -> {
                staff.goHome();
                close();
                UI.getCurrent().getPage().setLocation("/");
            }));
        }
        getFooter().add(enter);
    }
}
