package io.patchbay.sync.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.base.ui.NarrowColumns;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.security.PersonalDataAccess;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.QuarantineGroup;
import io.patchbay.sync.QuarantinedRecord;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Records syncs could not apply, of one connection or of the whole organisation: grouped by reason ("5 records:
 * /email: does not match the email format"), filtered by connection, field and time. A group or chosen records are
 * reprocessed (after a fix of the mapping or of the records) or discarded with a reason; a record opens to be read
 * and edited.
 */
@Route("quarantine")
@RouteAlias("connections/:connectionId/quarantine")
@PageTitle("Quarantine · Patchbay")
@PermitAll
class QuarantineView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE = 200;

    private final Quarantine quarantine;
    private final ConnectionService connections;
    private final PersonalDataAccess personalData;
    private final boolean mayEdit = CurrentTenant.setsUpConnections();

    private final H1 title = new H1("Quarantine");
    private final Paragraph summary = new Paragraph();
    private final Div progress = new Div();
    private final Select<String> field = new Select<>();
    private final DatePicker since = new DatePicker("Seen since");
    private final Grid<QuarantineGroup> groups = new Grid<>();
    private final Grid<QuarantinedRecord> records = new Grid<>();
    private final H2 recordsTitle = new H2("Records");
    private final Button reprocess = new Button("Reprocess");
    private final Button discard = new Button("Discard…");
    private final Anchor fixMapping = new Anchor();
    private final Paragraph empty = new Paragraph();

    private final Grid.Column<QuarantinedRecord> connectionColumn;
    private @Nullable Connection connection;
    private Map<ConnectionId, String> names = Map.of();

    QuarantineView(
            Quarantine quarantine, ConnectionService connections, PersonalDataAccess personalData, LiveUpdates live) {
        this.quarantine = quarantine;
        // what others change (a sync, a reprocess run, a colleague's discard) shows without a reload, on every node
        java.util.UUID viewer = CurrentTenant.require().value();
        live.whileAttached(
                this,
                activity -> connection == null
                        ? viewer.equals(activity.tenant())
                        : connection.id().value().equals(activity.connection()),
                this::refresh);
        this.connections = connections;
        this.personalData = personalData;
        addClassName("quarantine-view");
        field.setLabel("Field");
        field.setEmptySelectionAllowed(true);
        field.setEmptySelectionCaption("Any field");
        field.addValueChangeListener(e -> refresh());
        since.addValueChangeListener(e -> refresh());
        since.setClearButtonVisible(true);

        groups.addColumn(QuarantineGroup::records)
                .setHeader("Records")
                .setAutoWidth(true)
                .setFlexGrow(0);
        groups.addColumn(g -> PersonalData.mask(g.reason())).setHeader("Reason").setFlexGrow(3);
        Grid.Column<QuarantineGroup> groupSeen = groups.addColumn(g -> Formats.time(g.lastSeenAt()))
                .setHeader("Last seen")
                .setAutoWidth(true);
        groups.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        groups.setAllRowsVisible(true);
        groups.setAriaLabel("Reasons");
        groups.addClassName("quarantine-reasons");
        groups.asSingleSelect().addValueChangeListener(e -> showRecords());

        records.addColumn(r -> PersonalData.mask(r.externalId()))
                .setHeader("Record")
                .setAutoWidth(true);
        connectionColumn = records.addColumn(r -> names.getOrDefault(r.connectionId(), ""))
                .setHeader("Connection")
                .setWidth("9rem")
                .setFlexGrow(1);
        records.addComponentColumn(r -> {
                    var reason = new Span(PersonalData.mask(r.reason()));
                    // on a phone the folded columns' values move in here, under the reason
                    var meta = new Span(String.join(
                            " · ",
                            java.util.stream.Stream.of(
                                            connection == null ? names.getOrDefault(r.connectionId(), "") : "",
                                            status(r),
                                            "last seen " + Formats.time(r.lastSeenAt()))
                                    .filter(part -> !part.isEmpty())
                                    .toList()));
                    meta.addClassName("quarantine-meta");
                    return new Div(reason, meta);
                })
                .setHeader("Reason")
                .setFlexGrow(3);
        List<Grid.Column<QuarantinedRecord>> folded = List.of(
                connectionColumn,
                records.addColumn(QuarantineView::status)
                        .setHeader("")
                        .setWidth("9rem")
                        .setFlexGrow(1),
                records.addColumn(r -> Formats.time(r.lastSeenAt()))
                        .setHeader("Last seen")
                        .setWidth("10rem")
                        .setFlexGrow(0));
        NarrowColumns.fold(groups, List.of(groupSeen));
        records.addComponentColumn(r -> new Button("Open", e -> open(r)))
                .setAutoWidth(true)
                .setFlexGrow(0);
        records.setSelectionMode(Grid.SelectionMode.MULTI);
        records.addSelectionListener(e -> labelActions());
        records.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        records.setAllRowsVisible(true);
        records.setAriaLabel("Quarantined records");
        records.addClassName("quarantine-records");
        NarrowColumns.fold(this, folded);

        reprocess.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reprocess.addClickListener(e -> reprocess());
        discard.addThemeVariants(ButtonVariant.LUMO_ERROR);
        discard.addClickListener(e -> discard());
        fixMapping.setText("Fix the mapping");
        progress.addClassName("quarantine-progress");

        var filters = new FlexLayout(field, since);
        filters.addClassName("form-row");
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        var actions = new FlexLayout(reprocess, discard, fixMapping);
        actions.addClassName("form-row");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.setAlignItems(Alignment.BASELINE);
        add(title, summary, progress, filters, groups, empty, recordsTitle, actions, records);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var id = event.getRouteParameters().get("connectionId");
        if (id.isPresent()) {
            connection =
                    id.flatMap(ConnectionId::parse).flatMap(connections::find).orElse(null);
            if (connection == null) {
                event.rerouteToError(NotFoundException.class);
                return;
            }
            title.setText("Quarantine · " + connection.name());
            fixMapping.setHref("connections/" + connection.id() + "/mapping?samples=quarantined");
        }
        fixMapping.setVisible(connection != null && mayEdit);
        // on one connection's page every record is that connection's
        NarrowColumns.want(connectionColumn, connection == null);
        names = connections.list().stream().collect(Collectors.toMap(Connection::id, Connection::name));
        refresh();
    }

    private QuarantineFilter filter() {
        return new QuarantineFilter(
                connection == null ? null : connection.id(),
                null,
                null,
                field.getValue(),
                since.getValue() == null
                        ? null
                        : since.getValue().atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String status(QuarantinedRecord r) {
        return r.reprocessRequested()
                ? "waits to be reprocessed"
                : r.editedBy() != null ? "edited by " + r.editedBy() : "";
    }

    /** How records left the quarantine, in words: "3 were reprocessed, 1 was discarded". */
    private static String left(java.util.Map<QuarantinedRecord.Status, Integer> counts) {
        List<String> parts = new java.util.ArrayList<>();
        counts.forEach((status, count) -> parts.add(Plurals.count(count, "was", "were") + " "
                + switch (status) {
                    case REPROCESSED -> "reprocessed";
                    case DISCARDED -> "discarded";
                    case RESOLVED -> "fixed at the source";
                    case QUARANTINED -> "left";
                }));
        return String.join(", ", parts);
    }

    private void refresh() {
        QuarantineFilter all = connection == null ? QuarantineFilter.tenant() : QuarantineFilter.of(connection.id());
        int total = quarantine.count(all);
        String left = left(quarantine.left(all));
        empty.setText(
                left.isEmpty()
                        ? "Nothing waits in quarantine: every record read so far was applied."
                        : "Nothing waits in quarantine. Of the records it held, " + left + ".");
        summary.setText(
                total == 0
                        ? ""
                        : Plurals.count(total, "record waits", "records wait") + " in quarantine"
                                + (connection == null ? ", across the organisation's connections." : ".")
                                + (left.isEmpty() ? "" : " So far " + left + ".")
                                + (mayEdit && connection != null && !quarantine.editable(connection.id())
                                        ? " Choose a reason to see its records; fix them where they came from or fix the"
                                                + " mapping, then reprocess them (they are sent again as they are then), or"
                                                + " discard them with a reason."
                                        : mayEdit
                                                ? " Choose a reason to see its records; fix them (open one to edit it) or the mapping,"
                                                        + " then reprocess them, or discard them with a reason."
                                                : " Choose a reason to see its records. Once the customer's admin has fixed the mapping"
                                                        + " or the source, reprocess them; or discard them with a reason."));
        List<QuarantineGroup> found = quarantine.groups(filter());
        if (field.isEmpty()) {
            String chosen = field.getValue();
            field.setItems(quarantine.groups(all).stream()
                    .map(QuarantineGroup::field)
                    .distinct()
                    .sorted()
                    .toList());
            field.setValue(chosen);
        }
        QuarantineGroup selected = groups.asSingleSelect().getValue();
        groups.setItems(found);
        found.stream()
                .filter(g -> selected != null && g.reason().equals(selected.reason()))
                .findFirst()
                .ifPresent(groups::select);
        empty.setVisible(total == 0);
        groups.setVisible(total > 0);
        showProgress();
        showRecords();
    }

    private void showProgress() {
        progress.removeAll();
        if (connection == null) {
            progress.setVisible(false);
            return;
        }
        int waiting = quarantine.waitingForReprocess(connection.id());
        progress.setVisible(waiting > 0);
        if (waiting > 0) {
            var cancel = new Button("Cancel", e -> {
                quarantine.cancelReprocess(connection.id());
                refresh();
            });
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            progress.add(
                    new Paragraph(Plurals.count(waiting, "record waits", "records wait")
                            + " to be reprocessed; a reprocess run reads the source "
                            + "again first, then takes them up."),
                    cancel);
        }
    }

    private void showRecords() {
        QuarantineGroup group = groups.asSingleSelect().getValue();
        QuarantineFilter filter = filter().withReason(group == null ? null : group.reason());
        List<QuarantinedRecord> shown = quarantine.records(filter, null, PAGE);
        // a refresh pushed while someone is choosing records keeps what they chose that is still there
        Set<java.util.UUID> chosen =
                records.getSelectedItems().stream().map(QuarantinedRecord::id).collect(Collectors.toSet());
        records.setItems(shown);
        shown.stream().filter(record -> chosen.contains(record.id())).forEach(records::select);
        boolean any = !shown.isEmpty();
        records.setVisible(any);
        recordsTitle.setVisible(any);
        recordsTitle.setText(group == null ? "Records" : "Records: " + group.reason());
        reprocess.setVisible(any);
        discard.setVisible(any);
        labelActions();
    }

    /** The buttons say what they act on: the chosen records, or every record shown. */
    private void labelActions() {
        int chosen = records.getSelectedItems().size();
        QuarantineGroup group = groups.asSingleSelect().getValue();
        int matching = group != null ? group.records() : quarantine.count(filter());
        int count = chosen > 0 ? chosen : matching;
        String what = Plurals.count(count, "record", "records");
        reprocess.setText("Reprocess " + what);
        discard.setText("Discard " + what + "…");
    }

    private @Nullable Set<java.util.UUID> chosen() {
        Set<QuarantinedRecord> selected = records.getSelectedItems();
        return selected.isEmpty()
                ? null
                : selected.stream().map(QuarantinedRecord::id).collect(Collectors.toSet());
    }

    private QuarantineFilter selection() {
        QuarantineGroup group = groups.asSingleSelect().getValue();
        return filter().withReason(group == null ? null : group.reason());
    }

    private void reprocess() {
        try {
            int requested = quarantine.reprocess(selection(), chosen()); // a refusal: the view error handler
            Notification.show(
                    Plurals.count(requested, "record", "records")
                            + " will be reprocessed: the connection reads its source again, then "
                            + "takes them up.",
                    5000,
                    Notification.Position.BOTTOM_START);
        } finally {
            records.deselectAll();
            refresh();
        }
    }

    private void discard() {
        var reason = new TextArea("Why are they discarded?");
        reason.setWidthFull();
        reason.setHelperText("For whoever reads the audit trail: the records leave quarantine without being applied.");
        var dialog = new ConfirmDialog();
        dialog.setHeader(discard.getText().replace("…", "?"));
        dialog.add(reason);
        dialog.setCancelable(true);
        dialog.setConfirmText("Discard");
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCloseOnEsc(true);
        dialog.addConfirmListener(e -> {
            try {
                int discarded = quarantine.discard(selection(), chosen(), reason.getValue());
                Notification.show(
                        Plurals.count(discarded, "record", "records") + " discarded.",
                        4000,
                        Notification.Position.BOTTOM_START);
                records.deselectAll();
                refresh();
            } catch (IllegalArgumentException refused) {
                Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.open();
    }

    private void open(QuarantinedRecord record) {
        new QuarantinedRecordDialog(
                        quarantine,
                        record,
                        names.getOrDefault(record.connectionId(), ""),
                        mayEdit,
                        personalData,
                        saved -> {
                            Notification.show(
                                    "Saved; it will be reprocessed with the next reprocess run.",
                                    4000,
                                    Notification.Position.BOTTOM_START);
                            refresh();
                        })
                .open();
    }
}
