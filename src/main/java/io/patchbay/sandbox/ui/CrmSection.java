package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.EmailValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.sandbox.SandboxCrm;
import java.time.Duration;

/** The organisation's Sandbox CRM account: its key, contacts and rate limit, and the knobs that change them. */
class CrmSection extends VerticalLayout {

    private static final int HARD_LIMIT_REQUESTS = 1;
    private static final Duration HARD_LIMIT_PER = Duration.ofSeconds(3);

    private final SandboxCrm crm;
    private final Span contactCount = new Span();
    private final Span rateLimit = new Span();
    private final Div apiKey = new Div();
    private final Grid<SandboxContact> recent = new Grid<>();

    CrmSection(SandboxCrm crm, boolean changes) {
        this.crm = crm;
        setPadding(false);
        var facts = new Facts().fact("API base URL", crm.baseUrl());
        if (changes) {
            facts.fact("API key", apiKey);
            apiKey.add(Forms.credential(crm.apiKey()));
        }
        facts.fact("Contacts", contactCount).fact("Rate limit", rateLimit);
        add(new H2("Sandbox CRM"), facts);
        if (changes) {
            add(knobs(), addContactForm());
        }
        recent.addColumn(SandboxContact::id).setHeader("Id").setAutoWidth(true);
        recent.addColumn(c -> c.firstName() + " " + c.lastName()).setHeader("Name");
        recent.addColumn(SandboxContact::email).setHeader("Email");
        recent.addColumn(SandboxContact::company).setHeader("Company");
        recent.addColumn(SandboxContact::phone).setHeader("Phone");
        recent.addColumn(c -> Formats.time(c.updatedAt())).setHeader("Changed");
        recent.setAllRowsVisible(true);
        recent.setAriaLabel("Recently changed contacts");
        add(new H2("Recently changed contacts"), recent);
        refresh();
    }

    private FlexLayout knobs() {
        var change = new Button("Change 5 contacts", e -> {
            crm.changeContacts(5);
            Notification.show(
                    "5 contacts changed; the next sync reads just these.", 3000, Notification.Position.BOTTOM_START);
            refresh();
        });
        var spoil = new Button("Spoil 5 emails", e -> {
            crm.spoilEmails(5);
            Notification.show(
                    "5 contacts now have emails like ada(at)example.com; the next sync quarantines them.",
                    4000,
                    Notification.Position.BOTTOM_START);
            refresh();
        });
        var throttle = new Button("Throttle the API", e -> {
            crm.setRateLimit(HARD_LIMIT_REQUESTS, HARD_LIMIT_PER);
            refresh();
        });
        var normal = new Button("Normal rate limit", e -> {
            crm.setRateLimit(
                    crm.defaultRateLimit().requests(), crm.defaultRateLimit().per());
            refresh();
        });
        var newKey = new Button("Issue a new API key", e -> confirmNewKey());
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return Forms.row(change, spoil, throttle, normal, newKey);
    }

    /** A new key ends the old one at once, as after a leak: connections fail until their settings get the new one. */
    private void confirmNewKey() {
        var confirm = new ConfirmDialog(
                "Issue a new API key?",
                "The current key stops working at once: connections that use it fail to authenticate until you"
                        + " paste the new key into their settings (Edit settings on each connection).",
                "Issue a new key",
                e -> {
                    String key = crm.issueNewApiKey();
                    apiKey.removeAll();
                    apiKey.add(Forms.credential(key));
                    Notification.show(
                            "New API key issued; the old one no longer works.",
                            4000,
                            Notification.Position.BOTTOM_START);
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private FlexLayout addContactForm() {
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
                refresh();
            }
        });
        var form = Forms.row(first, last, email, company, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("add-contact-form");
        return form;
    }

    private void refresh() {
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
