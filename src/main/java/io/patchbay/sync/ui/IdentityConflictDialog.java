package io.patchbay.sync.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.security.PersonalDataAccess;
import io.patchbay.security.ui.RevealPersonalData;
import io.patchbay.sync.CoreRecordView;
import io.patchbay.sync.IdentityConflict;
import io.patchbay.sync.IdentityConflicts;
import io.patchbay.sync.IdentityPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One identity conflict: the record a connection sent beside the records it may be, each with its values and the
 * external records it is. Linking, merging and unlinking show what they would leave first, then wait for a confirm.
 */
final class IdentityConflictDialog extends Dialog {

    private final IdentityConflicts conflicts;
    private final IdentityConflict conflict;
    private final boolean mayDecide;
    private final Runnable changed;
    private final Div body = new Div();
    private boolean revealed;

    IdentityConflictDialog(
            IdentityConflicts conflicts,
            IdentityConflict conflict,
            boolean mayDecide,
            PersonalDataAccess personalData,
            Runnable changed) {
        this.conflicts = conflicts;
        this.conflict = conflict;
        this.mayDecide = mayDecide;
        this.changed = changed;
        setHeaderTitle("Which " + conflict.entity() + " is this?");
        setWidth("min(64rem, 96vw)");
        // personal data masked until an admin of the tenant asks to see it (recorded)
        add(
                new RevealPersonalData(
                        personalData, "identity_conflict", conflict.id().toString(), "an identity conflict", () -> {
                            revealed = true;
                            showChoices();
                        }),
                body);
        var keepApart = new Button("Keep apart", e -> act(() -> conflicts.keepApart(conflict.id()), "Kept apart."));
        keepApart.setVisible(mayDecide);
        getFooter().add(keepApart, new Button("Close", e -> close()));
        showChoices();
    }

    private void showChoices() {
        body.removeAll();
        var why = new Paragraph(shown(conflict.reason()) + ". Until someone decides, it is a record of its own.");
        why.addClassName("hint");
        var cards = new Div(card("Sent by " + conflict.connectionName(), conflict.record(), null));
        cards.addClassName("identity-cards");
        for (CoreRecordView candidate : conflict.candidates()) {
            List<Component> actions = new ArrayList<>();
            if (mayDecide) {
                actions.add(new Button("Link to this", e -> preview(candidate, IdentityConflicts.Action.LINK)));
                var merge = new Button("Merge into this", e -> preview(candidate, IdentityConflicts.Action.MERGE));
                merge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                actions.add(merge);
            }
            cards.add(card("Candidate", candidate, actions));
        }
        body.add(why, cards);
        if (mayDecide) {
            var help = new Paragraph("Link: the record sent is that one, and its values update it. Merge: the two"
                    + " records are one, with every external record of both; the candidate's values stay where both"
                    + " have one. Keep apart: they are different.");
            help.addClassName("hint");
            body.add(help);
        }
    }

    private void preview(CoreRecordView candidate, IdentityConflicts.Action action) {
        // a refusal is shown by the view error handler
        IdentityPreview preview = conflicts.preview(conflict.id(), candidate.coreId(), action);
        body.removeAll();
        var after = new Div(new H3("After " + (action == IdentityConflicts.Action.LINK ? "linking" : "merging")));
        after.add(new Paragraph(preview.summary()), values(preview.data()), links(preview.links(), null));
        after.addClassName("identity-preview");
        String verb = action == IdentityConflicts.Action.LINK ? "link" : "merge";
        var confirm = new Button(
                "Confirm " + verb,
                e -> act(
                        () -> conflicts.resolve(conflict.id(), candidate.coreId(), action),
                        action == IdentityConflicts.Action.LINK ? "Linked." : "Merged."));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.add(after, new Div(confirm, new Button("Back", e -> showChoices())));
    }

    private void previewUnlink(CoreRecordView record, CoreRecordView.Link link) {
        IdentityPreview preview = conflicts.previewUnlink(record.coreId(), link.connection(), link.externalId());
        body.removeAll();
        var after = new Div(new H3("After unlinking " + link.describe()));
        after.add(new Paragraph(preview.summary()), links(preview.links(), null));
        after.addClassName("identity-preview");
        var confirm = new Button(
                "Confirm unlink",
                e -> act(() -> conflicts.unlink(record.coreId(), link.connection(), link.externalId()), "Unlinked."));
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        body.add(after, new Div(confirm, new Button("Back", e -> showChoices())));
    }

    private Component card(String heading, CoreRecordView record, List<Component> actions) {
        var card = new Div(new H3(heading + ": " + shown(title(record.data()))), values(record.data()));
        card.add(links(record.links(), record));
        if (actions != null) {
            card.add(new Div(actions.toArray(Component[]::new)));
        }
        card.addClassName("identity-card");
        return card;
    }

    private String shown(String text) {
        return revealed ? text : PersonalData.mask(text);
    }

    private Component values(JsonNode record) {
        JsonNode data = revealed ? record : PersonalData.mask(record);
        var list = new UnorderedList();
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            JsonNode value = field.getValue();
            list.add(new ListItem(field.getKey() + ": " + (value.isString() ? value.asString() : value.toString())));
        }
        list.addClassName("identity-values");
        return list;
    }

    /** The external records a record is; with {@code unlinkable}, each can be unlinked from it (when it has more). */
    private Component links(List<CoreRecordView.Link> links, CoreRecordView unlinkable) {
        var list = new UnorderedList();
        for (CoreRecordView.Link link : links) {
            var item = new ListItem(link.describe());
            if (unlinkable != null && mayDecide && links.size() > 1) {
                var unlink = new Button("Unlink", e -> previewUnlink(unlinkable, link));
                unlink.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                unlink.getElement().setAttribute("aria-label", "Unlink " + link.describe());
                item.add(new com.vaadin.flow.component.html.Span(" "), unlink);
            }
            list.add(item);
        }
        var section = new Div(
                new Paragraph("Is " + Plurals.count(links.size(), "external record:", "external records:")), list);
        section.addClassName("identity-links");
        return section;
    }

    private void act(Runnable action, String done) {
        action.run(); // a refusal is shown by the view error handler
        Notification.show(done, 4000, Notification.Position.BOTTOM_START);
        close();
        changed.run();
    }

    /** A record's name as a person knows it: a name, a first and last name, or an email. */
    static String title(JsonNode data) {
        if (data.hasNonNull("name")) {
            return data.get("name").asString();
        }
        String person = (data.path("firstName").asString("") + " "
                        + data.path("lastName").asString(""))
                .strip();
        if (!person.isEmpty()) {
            return person;
        }
        return data.path("email").asString(data.path("number").asString("a record"));
    }
}
