package io.patchbay.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxWebhookEndpoint;

/**
 * The organisation's Sandbox Billing account: its OAuth2 client, invoices, and the endpoints its invoice webhooks
 * go to, with their signing secrets for those who may see them.
 */
class BillingSection extends VerticalLayout {

    private final SandboxBilling billing;
    private final boolean changes;
    private final Span invoiceCount = new Span();
    private final Grid<SandboxWebhookEndpoint> endpoints = new Grid<>();

    BillingSection(SandboxBilling billing, boolean changes) {
        this.billing = billing;
        this.changes = changes;
        setPadding(false);
        var facts = new Facts().fact("API base URL", billing.baseUrl()).fact("Token URL", billing.tokenUrl());
        if (changes) {
            facts.fact("Client ID", Forms.credential(billing.clientId()))
                    .fact("Client secret", Forms.credential(billing.clientSecret()));
        }
        facts.fact("Invoices", invoiceCount);
        add(
                new H2("Sandbox Billing"),
                new Paragraph("Signs clients in with OAuth2 client credentials and pages invoices "
                        + "and customers with a cursor. Every issued or paid invoice is also pushed as a signed "
                        + "webhook (Standard Webhooks) to the endpoints below."),
                facts);
        if (changes) {
            var issue = new Button("Issue 3 invoices", e -> {
                billing.issueInvoices(3);
                refresh();
            });
            var pay = new Button("Mark 3 invoices paid", e -> {
                billing.payInvoices(3);
                refresh();
            });
            issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(Forms.row(issue, pay));
        }
        add(new H2("Webhook endpoints"));
        if (changes) {
            add(addEndpointForm());
        }
        add(endpoints);
        configureEndpoints();
        refresh();
    }

    private FlexLayout addEndpointForm() {
        var url = new TextField("Endpoint URL");
        url.setPlaceholder("http://localhost:8080/hooks/…");
        url.setHelperText("A Patchbay connection's webhook URL, from its setup or its page");
        url.setWidth("32rem");
        url.setMaxWidth("100%");
        var add = new Button("Add endpoint", e -> {
            try {
                billing.addWebhookEndpoint(url.getValue());
            } catch (IllegalArgumentException refused) {
                // the egress guard's words, naming the rule the URL breaks
                url.setErrorMessage(refused.getMessage());
                url.setInvalid(true);
                return;
            }
            url.setInvalid(false);
            url.clear();
            refresh();
        });
        var form = Forms.row(url, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.addClassName("add-endpoint-form");
        return form;
    }

    private void configureEndpoints() {
        // wide enough to tell endpoints apart; the whole URL is in the tooltip
        endpoints
                .addColumn(SandboxWebhookEndpoint::url)
                .setHeader("URL")
                .setWidth("20rem")
                .setFlexGrow(1)
                .setTooltipGenerator(SandboxWebhookEndpoint::url);
        if (changes) {
            endpoints
                    .addComponentColumn(endpoint -> Forms.credential(
                            billing.webhookSecret(endpoint.id()).orElse("–")))
                    .setHeader("Signing secret")
                    .setAutoWidth(true);
        }
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
        if (changes) {
            endpoints
                    .addComponentColumn(endpoint -> new Button("Remove", e -> {
                        billing.removeWebhookEndpoint(endpoint.id());
                        refresh();
                    }))
                    .setAutoWidth(true);
        }
        endpoints.setAllRowsVisible(true);
        endpoints.addClassName("webhook-endpoints");
        endpoints.setEmptyStateText("No endpoints yet: invoices are not pushed anywhere.");
        endpoints.setAriaLabel("Webhook endpoints");
    }

    private void refresh() {
        invoiceCount.setText(billing.invoiceCount() + " for " + billing.customerCount() + " customers");
        endpoints.setItems(billing.webhookEndpoints());
    }
}
