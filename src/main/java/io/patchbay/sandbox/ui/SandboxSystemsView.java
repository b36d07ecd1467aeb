package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The bundled sandbox systems: where they are, their keys, and buttons that change data or throttle the API so a
 * demo shows incremental syncs and rate limiting.
 */
@Route("sandbox-systems")
@PageTitle("Sandbox systems · Patchbay")
@PermitAll
class SandboxSystemsView extends VerticalLayout implements BeforeEnterObserver {

    private static final int HARD_LIMIT_REQUESTS = 1;
    private static final Duration HARD_LIMIT_PER = Duration.ofSeconds(3);

    private final ObjectProvider<SandboxCrm> crmProvider;
    private final ObjectProvider<SandboxBilling> billingProvider;
    private final ObjectProvider<SandboxCalendar> calendarProvider;
    private final Span invoiceCount = new Span();
    private final Span eventCount = new Span();
    private final Span consentCount = new Span();
    private final Span contactCount = new Span();
    private final Span rateLimit = new Span();
    private final Grid<SandboxContact> recent = new Grid<>();
    private final Grid<SandboxWebhookEndpoint> endpoints = new Grid<>();

    SandboxSystemsView(
            ObjectProvider<SandboxCrm> crmProvider,
            ObjectProvider<SandboxBilling> billingProvider,
            ObjectProvider<SandboxCalendar> calendarProvider) {
        this.crmProvider = crmProvider;
        this.billingProvider = billingProvider;
        this.calendarProvider = calendarProvider;
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
            build(crm);
            billing(billingProvider.getObject());
            calendar(calendarProvider.getObject());
        }
    }

    private void build(SandboxCrm crm) {
        add(
                new H1("Sandbox systems"),
                new Paragraph(
                        "Made-up external systems served by this hub, so you can set up a "
                                + "real integration with nothing else installed. Connections reach them over HTTP like any third party."));

        var key = new Span(crm.apiKey());
        key.addClassName("sandbox-api-key");
        var facts = new Facts()
                .fact("API base URL", crm.baseUrl())
                .fact("API key", key)
                .fact("Contacts", contactCount)
                .fact("Rate limit", rateLimit);

        var change = new Button("Change 5 contacts", e -> {
            crm.changeContacts(5);
            Notification.show(
                    "5 contacts changed; the next sync reads just these.", 3000, Notification.Position.BOTTOM_START);
            refresh(crm);
        });
        var throttle = new Button("Throttle the API", e -> {
            crm.setRateLimit(HARD_LIMIT_REQUESTS, HARD_LIMIT_PER);
            refresh(crm);
        });
        var normal = new Button("Normal rate limit", e -> {
            crm.setRateLimit(
                    crm.defaultRateLimit().requests(), crm.defaultRateLimit().per());
            refresh(crm);
        });
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        recent.addColumn(SandboxContact::id).setHeader("Id").setAutoWidth(true);
        recent.addColumn(c -> c.firstName() + " " + c.lastName()).setHeader("Name");
        recent.addColumn(SandboxContact::email).setHeader("Email");
        recent.addColumn(SandboxContact::company).setHeader("Company");
        recent.addColumn(SandboxContact::phone).setHeader("Phone");
        recent.addColumn(c -> Formats.time(c.updatedAt())).setHeader("Changed");
        recent.setAllRowsVisible(true);
        recent.setAriaLabel("Recently changed contacts");

        add(
                new H2("Sandbox CRM"),
                facts,
                new HorizontalLayout(change, throttle, normal),
                addContactForm(crm),
                new H2("Recently changed contacts"),
                recent);
        refresh(crm);
    }

    private void billing(SandboxBilling billing) {
        var secret = new Span(billing.clientSecret());
        secret.addClassName("sandbox-api-key");
        var clientId = new Span(billing.clientId());
        clientId.addClassName("sandbox-api-key");
        var facts = new Facts()
                .fact("API base URL", billing.baseUrl())
                .fact("Token URL", billing.tokenUrl())
                .fact("Client ID", clientId)
                .fact("Client secret", secret)
                .fact("Invoices", invoiceCount);
        var issue = new Button("Issue 3 invoices", e -> {
            billing.issueInvoices(3);
            refreshBilling(billing);
        });
        var pay = new Button("Mark 3 invoices paid", e -> {
            billing.payInvoices(3);
            refreshBilling(billing);
        });
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(
                new H2("Sandbox Billing"),
                new Paragraph("Signs clients in with OAuth2 client credentials and pages invoices "
                        + "and customers with a cursor. Every issued or paid invoice is also pushed as a signed "
                        + "webhook (Standard Webhooks) to the endpoints below."),
                facts,
                new HorizontalLayout(issue, pay),
                new H2("Webhook endpoints"),
                addEndpointForm(billing),
                endpoints);
        configureEndpoints(billing);
        refreshBilling(billing);
    }

    private void calendar(SandboxCalendar calendar) {
        var clientId = new Span(calendar.clientId());
        clientId.addClassName("sandbox-api-key");
        var secret = new Span(calendar.clientSecret());
        secret.addClassName("sandbox-api-key");
        var facts = new Facts()
                .fact("API base URL", calendar.baseUrl())
                .fact("Sign-in page", calendar.authorizeUrl())
                .fact("Token URL", calendar.tokenUrl())
                .fact("Client ID", clientId)
                .fact("Client secret", secret)
                .fact("Redirect URI", calendar.redirectUri())
                .fact("Signed in as", SandboxCalendar.USER_NAME + " · " + SandboxCalendar.USER_EMAIL)
                .fact(
                        "Access tokens live",
                        Formats.duration(calendar.tokenLifetime()) + "; each refresh token works once")
                .fact("Events", eventCount)
                .fact("Consents in force", consentCount);
        var move = new Button("Move 3 events", e -> {
            calendar.moveEvents(3);
            refreshCalendar(calendar);
        });
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var expire = new Button("Expire access tokens now", e -> {
            calendar.expireAccessTokens();
            Notification.show(
                    "Access tokens ended; clients must refresh them.", 3000, Notification.Position.BOTTOM_START);
        });
        var revoke = new Button("Revoke Patchbay's access", e -> {
            calendar.revokeConsents();
            Notification.show(
                    "Every consent revoked; connections must reconnect.", 3000, Notification.Position.BOTTOM_START);
            refreshCalendar(calendar);
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
        add(
                new H2("Sandbox Calendar"),
                new Paragraph("Asks the person who connects it to sign in and allow access (OAuth2 authorization "
                        + "code with PKCE), then gives short-lived access tokens and rotates the refresh token on "
                        + "every refresh. Its events page by a next URL."),
                facts,
                new HorizontalLayout(move, expire, revoke));
        refreshCalendar(calendar);
    }

    private void refreshCalendar(SandboxCalendar calendar) {
        eventCount.setText(String.valueOf(calendar.eventCount()));
        consentCount.setText(String.valueOf(calendar.activeConsents()));
    }

    private HorizontalLayout addEndpointForm(SandboxBilling billing) {
        var url = new TextField("Endpoint URL");
        url.setPlaceholder("http://localhost:8080/hooks/…");
        url.setHelperText("A Patchbay connection's webhook URL, from its setup or its page");
        url.setWidth("32rem");
        var add = new Button("Add endpoint", e -> {
            String value = url.getValue().trim();
            if (!value.matches("https?://[^\\s/]+(/\\S*)?")) {
                url.setErrorMessage("Enter an http:// or https:// URL");
                url.setInvalid(true);
                return;
            }
            url.setInvalid(false);
            billing.addWebhookEndpoint(value);
            url.clear();
            refreshBilling(billing);
        });
        var form = new HorizontalLayout(url, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void configureEndpoints(SandboxBilling billing) {
        endpoints.addColumn(SandboxWebhookEndpoint::url).setHeader("URL").setFlexGrow(1);
        endpoints
                .addComponentColumn(endpoint -> {
                    var secret = new Span(endpoint.secret());
                    secret.addClassName("sandbox-api-key");
                    return secret;
                })
                .setHeader("Signing secret")
                .setAutoWidth(true);
        endpoints
                .addColumn(SandboxWebhookEndpoint::delivered)
                .setHeader("Delivered")
                .setAutoWidth(true);
        endpoints.addColumn(SandboxWebhookEndpoint::failed).setHeader("Failed").setAutoWidth(true);
        endpoints
                .addColumn(endpoint -> endpoint.lastOutcome() == null
                        ? "–"
                        : endpoint.lastOutcome() + ", " + Formats.relative(endpoint.lastAttemptAt()))
                .setHeader("Last attempt")
                .setAutoWidth(true);
        endpoints
                .addComponentColumn(endpoint -> new Button("Remove", e -> {
                    billing.removeWebhookEndpoint(endpoint.id());
                    refreshBilling(billing);
                }))
                .setAutoWidth(true);
        endpoints.setAllRowsVisible(true);
        endpoints.addClassName("webhook-endpoints");
        endpoints.setEmptyStateText("No endpoints yet: invoices are not pushed anywhere.");
        endpoints.setAriaLabel("Webhook endpoints");
    }

    private void refreshBilling(SandboxBilling billing) {
        invoiceCount.setText(billing.invoiceCount() + " for " + billing.customerCount() + " customers");
        endpoints.setItems(billing.webhookEndpoints());
    }

    private HorizontalLayout addContactForm(SandboxCrm crm) {
        var first = new TextField("First name");
        var last = new TextField("Last name");
        var email = new EmailField("Email");
        var company = new TextField("Company");
        var binder = new Binder<NewContact>();
        binder.forField(first)
                .withValidator(new StringLengthValidator("Enter a first name", 1, 80))
                .bind(c -> c.first, (c, v) -> c.first = v);
        binder.forField(last)
                .withValidator(new StringLengthValidator("Enter a last name", 1, 80))
                .bind(c -> c.last, (c, v) -> c.last = v);
        binder.forField(email)
                .asRequired("Enter an email")
                .withValidator(new EmailValidator("Enter a valid email"))
                .bind(c -> c.email, (c, v) -> c.email = v);
        binder.forField(company).bind(c -> c.company, (c, v) -> c.company = v);
        binder.setBean(new NewContact());
        var add = new Button("Add contact", e -> {
            if (binder.validate().isOk()) {
                NewContact contact = binder.getBean();
                crm.addContact(
                        contact.first.trim(),
                        contact.last.trim(),
                        contact.email.trim(),
                        contact.company.isBlank() ? null : contact.company.trim());
                binder.setBean(new NewContact());
                Notification.show("Contact added.", 3000, Notification.Position.BOTTOM_START);
                refresh(crm);
            }
        });
        var form = new HorizontalLayout(first, last, email, company, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("add-contact-form");
        return form;
    }

    private void refresh(SandboxCrm crm) {
        contactCount.setText(String.valueOf(crm.contactCount()));
        var limit = crm.rateLimit();
        rateLimit.setText(limit.requests() + " requests per " + limit.per().toSeconds() + " s");
        recent.setItems(crm.recentlyChanged(10));
    }

    static final class NewContact {
        String first = "";
        String last = "";
        String email = "";
        String company = "";
    }
}
