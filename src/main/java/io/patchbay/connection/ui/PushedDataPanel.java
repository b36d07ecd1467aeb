package io.patchbay.connection.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.server.streams.UploadHandler;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.Connection;
import io.patchbay.connection.InboundMessage;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.Receipt;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How data reaches a connection whose connector is sent it: the webhook URL to give the sender, or the file upload,
 * with the outcome of the last upload line by line and the messages received so far.
 */
class PushedDataPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(PushedDataPanel.class);
    private static final int RECENT = 20;

    private final InboundService inbound;
    private final Connection connection;
    private final Div outcome = new Div();
    private final Div progress = new Div();
    private final ProgressBar progressBar = new ProgressBar();
    private final Span progressText = new Span();
    private final Grid<InboundMessage> received = new Grid<>();
    private final Runnable onReceived;

    public PushedDataPanel(InboundService inbound, Connection connection, ConnectorSpec spec, Runnable onReceived) {
        this.inbound = inbound;
        this.connection = connection;
        this.onReceived = onReceived;
        addClassName("pushed-data-panel");
        setWidthFull();
        outcome.addClassName("upload-outcome");
        outcome.setVisible(false);
        progress.addClassName("upload-progress");
        progress.add(progressText, progressBar);
        progress.setVisible(false);
        if (spec.can(ConnectorSpec.Capability.PUSH)) {
            add(webhookUrl());
        }
        if (spec.can(ConnectorSpec.Capability.UPLOAD)) {
            if (CurrentTenant.setsUpConnections()) {
                add(upload(), progress, outcome);
            } else {
                add(new Paragraph("Customer admins and solutions engineers upload files here."));
            }
        }
        configureReceived(spec);
        var refresh = new Button("Refresh", e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new HorizontalLayout(new H3(spec.can(ConnectorSpec.Capability.UPLOAD) ? "Files" : "Deliveries"), refresh));
        add(received);
        refresh();
    }

    /** The messages received so far, newest first. */
    public void refresh() {
        received.setItems(inbound.recentMessages(connection.id(), RECENT));
    }

    private Div webhookUrl() {
        var url = new TextField("Webhook URL");
        url.setValue(inbound.webhookUrl(connection.id()));
        url.setReadOnly(true);
        url.setWidthFull();
        url.setHelperText("Give the sender this URL and the signing secret. Deliveries answer 202 once verified and "
                + "kept; a message already received answers 200 and is not applied twice.");
        var copy = new Button(
                "Copy URL",
                e -> url.getElement()
                        .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", url.getValue()));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var row = new HorizontalLayout(url, copy);
        row.setWidthFull();
        row.setFlexGrow(1, url);
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        var wrapper = new Div(row);
        wrapper.setWidthFull();
        return wrapper;
    }

    private Div upload() {
        var upload = new Upload(UploadHandler.inMemory((metadata, content) -> take(metadata.fileName(), content)));
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, inbound.maxUploadBytes()));
        upload.setAcceptedFileExtensions(".csv", ".txt", ".tsv");
        upload.setAcceptedMimeTypes("text/csv", "text/plain");
        upload.setDropLabel(new Span("Drop a CSV file here"));
        upload.setUploadButton(new Button("Upload CSV file…"));
        upload.addFileRejectedListener(e -> show(new ConnectorError(
                io.patchbay.catalog.spi.ErrorClass.DATA,
                e.getErrorMessage(),
                "Upload a .csv file of at most " + inbound.maxUploadBytes() / (1024 * 1024) + " MB.")));
        upload.getElement().setAttribute("aria-label", "Upload CSV file");
        var hint = new Paragraph("Patchbay detects the encoding, the delimiter and whether the first row names the "
                + "columns (unless you set them in the details), and lists every line it cannot use.");
        hint.addClassName("hint");
        return new Div(upload, hint);
    }

    /**
     * Reads and keeps the file off the request thread, which returns at once: the page shows how far it got and
     * then the outcome, by server push.
     */
    private void take(String fileName, byte[] content) {
        UI ui = getUI().orElse(null);
        if (ui == null) {
            return;
        }
        String size = String.format(java.util.Locale.ENGLISH, "%.1f MB", content.length / (1024.0 * 1024.0));
        ui.access(() -> showProgress("Reading " + fileName + " (" + size + ")…", -1));
        inbound.uploadInBackground(connection.id(), fileName, content, new InboundService.UploadProgress() {
                    @Override
                    public void read(int rows) {
                        ui.access(() -> showProgress("Keeping " + rows + " rows of " + fileName + "…", 0));
                    }

                    @Override
                    public void kept(int rows, int of) {
                        ui.access(() -> showProgress(
                                "Keeping " + of + " rows of " + fileName + "…", of == 0 ? 1 : (double) rows / of));
                    }
                })
                .whenComplete((receipt, failure) -> ui.access(() -> {
                    progress.setVisible(false);
                    if (receipt != null) {
                        show(receipt);
                        refresh();
                        onReceived.run();
                    } else if (failure.getCause() instanceof ConnectorException e) {
                        show(e.error());
                    } else {
                        log.error("Upload of {} to connection {} failed", fileName, connection.id(), failure);
                        show(new ConnectorError(
                                io.patchbay.catalog.spi.ErrorClass.INTERNAL,
                                "Patchbay could not read " + fileName + "; nothing of it was kept.",
                                "Upload it again; if it fails again, contact support."));
                    }
                }));
    }

    /** @param done how far, from 0 to 1; negative when it cannot be told yet */
    private void showProgress(String text, double done) {
        outcome.setVisible(false);
        progress.setVisible(true);
        progressText.setText(text);
        progressBar.setIndeterminate(done < 0);
        if (done >= 0) {
            progressBar.setValue(Math.min(1, done));
        }
    }

    private void show(Receipt receipt) {
        outcome.removeAll();
        outcome.setVisible(true);
        InboundMessage message = receipt.message();
        outcome.getElement().setAttribute("data-outcome", receipt.duplicate() ? "duplicate" : "accepted");
        if (receipt.duplicate()) {
            outcome.add(new Paragraph("This file was already uploaded " + Formats.relative(message.receivedAt())
                    + "; it is not applied twice."));
            return;
        }
        outcome.add(new Paragraph("✓ " + PersonalData.mask(message.summary())));
        if (!message.problems().isEmpty()) {
            var lines = new UnorderedList();
            lines.addClassName("line-problems");
            message.problems().forEach(problem -> lines.add(new ListItem(problem)));
            outcome.add(new Paragraph("Lines left out (the rest is kept):"), lines);
        }
    }

    private void show(ConnectorError error) {
        outcome.removeAll();
        outcome.setVisible(true);
        outcome.getElement().setAttribute("data-outcome", "failure");
        var label = new Span(error.errorClass().label());
        label.addClassName("error-class");
        outcome.add(
                label,
                new Paragraph(PersonalData.mask(error.message())),
                new Paragraph("How to fix it: " + error.fix()));
    }

    private void configureReceived(ConnectorSpec spec) {
        received.addColumn(m -> Formats.time(m.receivedAt()))
                .setHeader("Received")
                .setAutoWidth(true);
        received.addColumn(InboundMessage::receivedBy).setHeader("From").setAutoWidth(true);
        received.addColumn(InboundMessage::recordCount).setHeader("Records").setAutoWidth(true);
        received.addColumn(m -> m.problems().isEmpty() ? "" : m.problems().size() + " left out")
                .setHeader("Problems")
                .setAutoWidth(true);
        received.addColumn(InboundMessage::summary).setHeader("Summary").setFlexGrow(1);
        received.setItemDetailsRenderer(new ComponentRenderer<>(message -> {
            var details = new Div(new Paragraph("Message id: " + message.messageId()));
            List<String> problems = message.problems();
            if (!problems.isEmpty()) {
                var lines = new UnorderedList();
                problems.forEach(problem -> lines.add(new ListItem(problem)));
                details.add(lines);
            }
            return details;
        }));
        received.addThemeVariants(
                GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        received.setAllRowsVisible(true);
        received.addClassName("received-messages");
        received.setAriaLabel(spec.can(ConnectorSpec.Capability.UPLOAD) ? "Files received" : "Deliveries received");
        received.setEmptyStateText(
                spec.can(ConnectorSpec.Capability.UPLOAD) ? "No file uploaded yet." : "Nothing received yet.");
    }
}
