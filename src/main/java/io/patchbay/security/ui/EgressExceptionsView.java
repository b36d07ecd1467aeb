package io.patchbay.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.ui.Formats;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import jakarta.annotation.security.RolesAllowed;

/** The tenant's exceptions to the egress rules: which closed hosts its connectors may reach, who opened them, why. */
@Route("network-exceptions")
@PageTitle("Network exceptions · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SOLUTIONS_ENGINEER"})
class EgressExceptionsView extends VerticalLayout {

    private final EgressExceptionService exceptions;
    private final Grid<EgressException> grid = new Grid<>();

    EgressExceptionsView(EgressExceptionService exceptions) {
        this.exceptions = exceptions;
        addClassName("egress-exceptions-view");
        var host = new TextField("Host");
        host.setHelperText("A host name or IP address, e.g. crm.internal.example or 10.0.4.17");
        host.setValueChangeMode(ValueChangeMode.ON_BLUR);
        var reason = new TextField("Reason");
        reason.setHelperText("Why connectors must reach it; kept in the audit trail");
        reason.setValueChangeMode(ValueChangeMode.ON_BLUR);
        reason.setWidth("28rem");
        var form = new Binder<Request>();
        form.forField(host)
                .withValidator(
                        EgressExceptionService::validHost,
                        "Enter a host name or IP address only, without scheme, port or path")
                .bind(r -> r.host, (r, v) -> r.host = v);
        form.forField(reason)
                .withValidator(
                        v -> v != null && v.trim().length() >= 10, "Say in a sentence why (10 characters or more)")
                .bind(r -> r.reason, (r, v) -> r.reason = v);
        form.setBean(new Request());
        var grant = new Button("Allow host", e -> {
            if (form.validate().isOk()) {
                exceptions.grant(form.getBean().host, form.getBean().reason);
                form.setBean(new Request());
                refresh();
            }
        });
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new HorizontalLayout(host, reason, grant);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(EgressException::host).setHeader("Host").setAutoWidth(true);
        grid.addColumn(EgressException::reason).setHeader("Reason").setFlexGrow(1);
        grid.addColumn(EgressException::createdBy).setHeader("Allowed by").setAutoWidth(true);
        grid.addColumn(x -> Formats.time(x.createdAt())).setHeader("Since").setAutoWidth(true);
        grid.addComponentColumn(x -> {
                    var revoke = new Button("Revoke", e -> {
                        exceptions.revoke(x.id());
                        refresh();
                    });
                    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                    return revoke;
                })
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel("Network exceptions");

        add(
                new H1("Network exceptions"),
                new Paragraph("Connectors reach only public https addresses. A host listed here "
                        + "may be reached anyway by this organisation's connections, over plain http or on a private network. "
                        + "Every change is audited."),
                row,
                grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(exceptions.list());
    }

    static final class Request {
        String host = "";
        String reason = "";
    }
}
