package io.patchbay.observability.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.patchbay.base.PersonalData;
import io.patchbay.base.ui.Formats;
import io.patchbay.base.ui.LiveUpdates;
import io.patchbay.observability.AlertChannels;
import io.patchbay.observability.Notice;
import io.patchbay.observability.Notices;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Locale;

/**
 * What the tenant's admins are told: connections that turned Degraded or Failing (once per episode), their recovery,
 * and fixes support sent, newest first, each with how it went at the tenant's alert channels, which are set up here
 * too. An admin opening it marks them seen.
 */
@Route("notices")
@PageTitle("Notices · Patchbay")
@PermitAll
class NoticesView extends VerticalLayout {

    private static final int SHOWN = 100;

    private final Notices notices;
    private final AlertChannels channels;
    private final Div list = new Div();

    NoticesView(Notices notices, AlertChannels channels, LiveUpdates live) {
        this.notices = notices;
        this.channels = channels;
        addClassName("notices-view");
        list.addClassName("notice-list");
        // what was said first; where it goes after, as a person reads a notice more often than changes its channels
        add(new H1("Notices"), list, new AlertChannelsPanel(channels));
        // shown once attached, and again whenever a notice is told while the page is open, on any node
        java.util.UUID tenant = CurrentTenant.require().value();
        live.whileAttached(this, activity -> activity.tenant().equals(tenant), this::refresh);
    }

    private void refresh() {
        list.removeAll();
        List<Notice> newest = notices.newest(SHOWN);
        var deliveries = channels.deliveriesOf(newest.stream().map(Notice::id).toList());
        boolean admin = CurrentTenant.setsUpConnections();
        if (newest.isEmpty()) {
            var empty = new Div(new Paragraph("Nothing to tell yet. When a connection turns Degraded or Failing, or "
                    + "support sends you what to do, it shows here."));
            empty.addClassName("empty-state");
            list.add(empty);
        }
        for (Notice notice : newest) {
            var kind = new Span(notice.kind().label());
            kind.addClassName("notice-kind");
            kind.getElement().setAttribute("data-kind", notice.kind().name().toLowerCase(Locale.ROOT));
            var title = new H3(PersonalData.mask(notice.title()));
            var body = new Paragraph(PersonalData.mask(notice.body()));
            body.addClassName("notice-body");
            var meta = new Paragraph(Formats.time(notice.createdAt()) + " · " + notice.createdBy()
                    + (notice.readAt() == null ? " · new" : ""));
            meta.addClassName("hint");
            var card = new Div(kind, title, body, meta);
            if (deliveries.containsKey(notice.id())) {
                card.add(AlertChannelsPanel.deliveries(deliveries.get(notice.id()), admin));
            }
            if (notice.connectionId() != null) {
                card.add(new Anchor("connections/" + notice.connectionId(), "Open the connection →"));
            }
            card.addClassName("notice");
            if (notice.readAt() == null) {
                card.addClassName("notice-new");
            }
            list.add(card);
        }
        notices.seen();
    }
}
