package io.patchbay.sync.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.base.ui.Formats;
import io.patchbay.security.PersonalDataAccess;
import io.patchbay.sync.IdentityConflict;
import io.patchbay.sync.IdentityConflicts;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The identity review list: records a template's match rules could not place alone, oldest first, each opening to
 * be linked to or merged with a candidate, or kept apart.
 */
@Route("identities")
@PageTitle("Identities · Patchbay")
@PermitAll
class IdentityConflictsView extends VerticalLayout implements BeforeEnterObserver {

    static final int SHOWN = 200;

    private final IdentityConflicts conflicts;
    private final PersonalDataAccess personalData;
    private final boolean mayDecide = CurrentTenant.setsUpConnections();
    private final Paragraph summary = new Paragraph();
    private final Grid<IdentityConflict> grid = new Grid<>();

    IdentityConflictsView(IdentityConflicts conflicts, PersonalDataAccess personalData) {
        this.conflicts = conflicts;
        this.personalData = personalData;
        addClassName("identities-view");
        var intro = new Paragraph("When a connection sends a record, Patchbay looks for the core record it is: by the"
                + " connection's own id for it, then by its template's match rules (the same email, domain or key),"
                + " across all your connections. A record the rules cannot place alone gets a record of its own and"
                + " waits here, so nothing is merged on a guess.");
        intro.addClassName("hint");
        grid.addColumn(IdentityConflict::entity)
                .setHeader("Entity")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(c -> PersonalData.mask(
                        IdentityConflictDialog.title(c.record().data())))
                .setHeader("Record")
                .setAutoWidth(true);
        grid.addColumn(c -> c.connectionName() + " · " + PersonalData.mask(c.externalId()))
                .setHeader("From");
        grid.addColumn(c -> PersonalData.mask(c.reason()))
                .setHeader("Why it waits")
                .setFlexGrow(3);
        grid.addColumn(c -> Formats.time(c.createdAt())).setHeader("Since").setAutoWidth(true);
        grid.addComponentColumn(c -> new Button("Review", e -> review(c)))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addClassName("identity-conflicts");
        add(new H1("Identities"), intro, summary, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private void refresh() {
        List<IdentityConflict> open = conflicts.open(SHOWN);
        int total = open.size() < SHOWN ? open.size() : conflicts.count();
        summary.setText(
                total == 0
                        ? "No records wait: each found the record it is, or is new."
                        : Plurals.count(total, "record waits", "records wait") + " for someone to say which record"
                                + (total == 1 ? " it is." : " they are.")
                                + (mayDecide ? "" : " Those who set connections up decide; you can read them."));
        grid.setItems(open);
        grid.setVisible(total > 0);
    }

    private void review(IdentityConflict conflict) {
        new IdentityConflictDialog(conflicts, conflict, mayDecide, personalData, this::refresh).open();
    }
}
