package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.sandbox.SandboxMailbox;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The signed-in organisation's account at the bundled sandbox systems: where they are, its keys, and buttons that
 * change its data or throttle its API so a demo shows incremental syncs and rate limiting. Support agents see the
 * same account without its credentials and without the buttons.
 */
@Route("sandbox-systems")
@PageTitle("Sandbox systems · Patchbay")
@RolesAllowed({"CUSTOMER_ADMIN", "SUPPORT_AGENT", "SOLUTIONS_ENGINEER"})
class SandboxSystemsView extends VerticalLayout implements BeforeEnterObserver {

    private final ObjectProvider<SandboxCrm> crmProvider;
    private final ObjectProvider<SandboxBilling> billingProvider;
    private final ObjectProvider<SandboxCalendar> calendarProvider;
    private final ObjectProvider<SandboxMailbox> mailboxProvider;

    SandboxSystemsView(
            ObjectProvider<SandboxCrm> crmProvider,
            ObjectProvider<SandboxBilling> billingProvider,
            ObjectProvider<SandboxCalendar> calendarProvider,
            ObjectProvider<SandboxMailbox> mailboxProvider) {
        this.crmProvider = crmProvider;
        this.billingProvider = billingProvider;
        this.calendarProvider = calendarProvider;
        this.mailboxProvider = mailboxProvider;
        addClassName("sandbox-systems-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        SandboxCrm crm = crmProvider.getIfAvailable();
        if (crm == null) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        if (getComponentCount() == 0) {
            // the services refuse the rest to those who may not change anything; the page does not offer it
            boolean changes = CurrentTenant.setsUpConnections();
            add(
                    new H1("Sandbox systems"),
                    new Paragraph("Made-up external systems served by this hub, so you can set up a real "
                            + "integration with nothing else installed. Connections reach them over HTTP like any "
                            + "third party. Your organisation has its own account at each: its own keys and data, "
                            + "which no other organisation sees or changes."));
            if (!changes) {
                var readOnly = new Paragraph("You see your organisation's sandbox account as a support agent: "
                        + "addresses, counts and recent changes. Its keys and the buttons that change its data are "
                        + "for customer admins and solutions engineers.");
                readOnly.addClassName("read-only-note");
                add(readOnly);
            }
            add(
                    new CrmSection(crm, changes),
                    new BillingSection(billingProvider.getObject(), changes),
                    new CalendarSection(calendarProvider.getObject(), changes),
                    new MailboxSection(mailboxProvider.getObject()));
        }
    }
}
