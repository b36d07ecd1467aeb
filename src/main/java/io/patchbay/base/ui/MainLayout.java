package io.patchbay.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.annotation.Value;

/** The frame around every signed-in page: the product name, navigation and who is signed in. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(
            AuthenticationContext authentication,
            TenantService tenants,
            StaffAccess staff,
            @Value("${patchbay.sandbox.enabled:false}") boolean sandbox) {
        setPrimarySection(Section.DRAWER);
        var title = new Span("Patchbay");
        title.addClassName("app-title");

        var nav = new SideNav();
        if (staff.operatorStaff()) {
            nav.addItem(new SideNavItem("Support console", "console", VaadinIcon.HEADSET.create()));
        }
        nav.addItem(new SideNavItem("Integrations", "", VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Connectors", "connectors", VaadinIcon.PLUG.create()));
        if (CurrentTenant.member()
                .filter(member -> member.roles().contains(Role.SOLUTIONS_ENGINEER))
                .isPresent()) {
            nav.addItem(new SideNavItem("Templates", "templates", VaadinIcon.FILE_TREE.create()));
        }
        nav.addItem(new SideNavItem("Notices", "notices", VaadinIcon.BELL.create()));
        nav.addItem(new SideNavItem("Quarantine", "quarantine", VaadinIcon.INBOX.create()));
        nav.addItem(new SideNavItem("Identities", "identities", VaadinIcon.USERS.create()));
        nav.addItem(new SideNavItem("Schemas", "schemas", VaadinIcon.FILE_CODE.create()));
        nav.addItem(new SideNavItem("Exceptions", "exceptions", VaadinIcon.CHECK_SQUARE_O.create()));
        nav.addItem(new SideNavItem("Network exceptions", "network-exceptions", VaadinIcon.SHIELD.create()));
        if (sandbox) {
            nav.addItem(new SideNavItem("Sandbox systems", "sandbox-systems", VaadinIcon.FLASK.create()));
        }
        addToDrawer(title, nav);

        var user = new Div();
        user.addClassName("signed-in-user");
        var header = new HorizontalLayout(new DrawerToggle(), traceSearch(), user);
        CurrentTenant.member().ifPresent(member -> {
            String tenant = tenants.find(member.tenantId()).map(Tenant::name).orElse("");
            if (member.staff()) {
                // staff work in the tenant they chose; the button says which, and changes it
                user.setText(member.displayName() + " · staff");
                var working = new Button(
                        member.tenantId().equals(member.homeTenantId()) ? "Choose a tenant" : "Working in " + tenant,
                        VaadinIcon.BUILDING.create(),
                        event -> new TenantSwitchDialog(staff).open());
                working.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
                working.addClassName("tenant-switch");
                header.add(working);
            } else {
                user.setText(member.displayName() + " · " + tenant);
            }
        });
        var signOut = new Button("Sign out", event -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        header.add(signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(1));
        header.addClassName("app-header");
        addToNavbar(header);
    }

    /** Type a correlation id from an alert, a log line or a customer's message, and see everything it touched. */
    private static Div traceSearch() {
        var search = new com.vaadin.flow.component.textfield.TextField();
        search.setPlaceholder("Find a correlation id");
        search.setAriaLabel("Find a correlation id");
        search.setClearButtonVisible(true);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.addClassName("trace-search");
        search.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, event -> {
            String id = search.getValue().strip();
            if (!id.isEmpty()) {
                search.getUI().ifPresent(ui -> ui.navigate("trace/" + id));
                search.clear();
            }
        });
        var slot = new Div(search);
        slot.addClassName("trace-search-slot");
        return slot;
    }
}
