package io.patchbay.connection.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionTemplates;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.tenancy.CurrentTenant;

/**
 * What a connection can move to: a newer version of its connector, and of its template, each with what changes and,
 * for those who set connections up, the button that upgrades (the connection is tested first; nothing changes if
 * the test fails). Shows nothing while there is nothing newer.
 */
final class UpgradeOffers extends Div {

    private final ConnectionTemplates templates;
    private final ConnectionLifecycle lifecycle;
    private final Runnable changed;
    private final Div connectorBox = new Div();
    private final Div templateBox = new Div();

    /** @param changed told after an upgrade (or a failed one), to show the connection again */
    public UpgradeOffers(ConnectionTemplates templates, ConnectionLifecycle lifecycle, Runnable changed) {
        this.templates = templates;
        this.lifecycle = lifecycle;
        this.changed = changed;
        add(connectorBox, templateBox);
    }

    /** The offers for the connection as it is now. */
    public void show(Connection connection) {
        showUpgrade(connection);
        showTemplateUpgrade(connection);
    }

    /** A newer version of the connection's template: its release notes, what changes, and Upgrade. */
    private void showTemplateUpgrade(Connection connection) {
        templateBox.removeAll();
        var upgrade = templates.availableUpgrade(connection).orElse(null);
        templateBox.setVisible(upgrade != null);
        if (upgrade == null) {
            return;
        }
        templateBox.addClassName("upgrade-box");
        templateBox.add(new Paragraph(
                "A newer template version is available: " + upgrade.to().name() + " v"
                        + upgrade.to().version() + " (this connection is on v"
                        + upgrade.from().version() + "). "
                        + upgrade.to().releaseNotes()));
        upgrade.changes().forEach(change -> templateBox.add(TemplateChangeView.of(change)));
        templateBox.add(new Paragraph("Upgrading keeps your own settings, takes the settings the template "
                + "locks, and tests the connection first; if the test fails, nothing changes."));
        if (CurrentTenant.setsUpConnections()) {
            templateBox.add(new Button("Upgrade to template v" + upgrade.to().version(), e -> {
                try {
                    templates.upgrade(connection.id(), connection.version());
                    Notification.show(
                            "Upgraded to template v" + upgrade.to().version() + ".",
                            4000,
                            Notification.Position.BOTTOM_START);
                } catch (InvalidSetupException error) {
                    Notification.show(error.getMessage(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
                changed.run();
            }));
        }
    }

    /** A newer connector version, what changed, and (for those who set connections up) the way to move to it. */
    private void showUpgrade(Connection connection) {
        connectorBox.removeAll();
        var upgrade = lifecycle.availableUpgrade(connection).orElse(null);
        connectorBox.setVisible(upgrade != null);
        if (upgrade == null) {
            return;
        }
        connectorBox.addClassName("upgrade-box");
        connectorBox.add(
                new Paragraph(
                        "A newer version of this connector is available: " + upgrade.to() + ". " + upgrade.notes()),
                new Paragraph("Upgrading carries your settings over, tests the connection with them and keeps the "
                        + "sync position; if the test fails, nothing changes."));
        boolean mayUpgrade = CurrentTenant.setsUpConnections();
        if (mayUpgrade) {
            var button = new Button("Upgrade to " + upgrade.to(), e -> {
                try {
                    lifecycle.upgrade(connection.id(), connection.version());
                    Notification.show("Upgraded to " + upgrade.to() + ".", 4000, Notification.Position.BOTTOM_START);
                } catch (InvalidSetupException error) {
                    Notification.show(error.getMessage(), 8000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
                changed.run();
            });
            connectorBox.add(button);
        }
    }
}
