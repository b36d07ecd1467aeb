package io.patchbay.connection.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionExports;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionTemplates;
import io.patchbay.connection.ConnectionValidation;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.connection.InboundService;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

/**
 * The parts of a connection's page that issue connection commands, one instance per page (ADR 21): the template
 * upgrades it is offered, its guardrails and exceptions, the validation report, the changes those who set connections
 * up may make (edit, reschedule, export, delete, and save as template for solutions engineers), user consent, and
 * pushed data. The page places each part and calls {@link #show} on every refresh; a part that does not apply stays
 * empty.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class ConnectionPageParts {

    private final ConnectionService connections;
    private final ConnectionLifecycle lifecycle;
    private final ConnectionChanges changes;
    private final ConnectionTemplates templates;
    private final ConnectionExports exports;
    private final ConnectionValidation validation;
    private final ConsentService consents;
    private final Guardrails guardrails;
    private final GuardrailExceptions guardrailExceptions;
    private final InboundService inbound;

    private final Div upgradesBox = new Div();
    private final Div guardrailBox = new Div();
    private final Div reportBox = new Div();
    private final Div changeBox = new Div();
    private final Div consentBox = new Div();
    private final Div pushedDataBox = new Div();
    private @Nullable UpgradeOffers upgrades;
    private @Nullable GuardrailPanel guardrailPanel;
    private @Nullable ConnectionChangeActions changeActions;
    private @Nullable ConsentPanel consentPanel;
    private @Nullable PushedDataPanel pushedDataPanel;

    ConnectionPageParts(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            ConnectionChanges changes,
            ConnectionTemplates templates,
            ConnectionExports exports,
            ConnectionValidation validation,
            ConsentService consents,
            Guardrails guardrails,
            GuardrailExceptions guardrailExceptions,
            InboundService inbound) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.templates = templates;
        this.exports = exports;
        this.validation = validation;
        this.consents = consents;
        this.guardrails = guardrails;
        this.guardrailExceptions = guardrailExceptions;
        this.inbound = inbound;
    }

    public Component upgrades() {
        return upgradesBox;
    }

    public Component guardrails() {
        return guardrailBox;
    }

    /** The button that opens the connection's validation report, for the page's row of actions. */
    public Component validationReport() {
        return reportBox;
    }

    public Component changes() {
        return changeBox;
    }

    public Component consent() {
        return consentBox;
    }

    public Component pushedData() {
        return pushedDataBox;
    }

    /**
     * Shows the parts for the connection as it is now.
     *
     * @param consentRefusedAt when the newest sync was refused for authentication, if it was: a consent given before
     *     that no longer works
     * @param linkedRecords how many core records the connection's syncs linked (deleting asks whether to keep them)
     * @param changed what the page does after a part changed the connection
     */
    public void show(
            Connection connection,
            ConnectorSpec spec,
            @Nullable Instant consentRefusedAt,
            IntSupplier linkedRecords,
            Runnable changed) {
        if (upgrades == null) {
            upgrades = new UpgradeOffers(templates, lifecycle, changed);
            upgradesBox.add(upgrades);
        }
        upgrades.show(connection);
        if (guardrailPanel == null) {
            guardrailPanel =
                    new GuardrailPanel(guardrails, guardrailExceptions, connection, CurrentTenant.setsUpConnections());
            guardrailBox.add(guardrailPanel);
        } else {
            guardrailPanel.show(connection);
        }
        if (reportBox.getComponentCount() == 0) {
            reportBox.add(ValidationReportPanel.button(validation, connection.id()));
        }
        // support agents operate connections; they do not change them
        if (CurrentTenant.setsUpConnections()) {
            showChangeActions(connection, linkedRecords, changed);
        }
        if (spec.can(ConnectorSpec.Capability.CONSENT)) {
            if (consentPanel == null) {
                consentPanel =
                        new ConsentPanel(consents, connection, spec, CurrentTenant.setsUpConnections(), () -> true);
                consentBox.add(consentPanel);
            }
            consentPanel.refused(consentRefusedAt);
        }
        if (spec.pushed()) {
            showPushedData(connection, spec, changed);
        }
    }

    private void showChangeActions(Connection connection, IntSupplier linkedRecords, Runnable changed) {
        if (changeActions == null) {
            changeActions = new ConnectionChangeActions(
                    connections, changes, exports, connection, linkedRecords, saved -> changed.run());
            if (CurrentTenant.member()
                    .filter(member -> member.roles().contains(Role.SOLUTIONS_ENGINEER))
                    .isPresent()) {
                changeActions.add(SaveAsTemplateDialog.button(templates, connection));
            }
            changeBox.add(changeActions);
        } else {
            changeActions.show(connection);
        }
    }

    /** Webhook URL or file upload, and what arrived; built once, refreshed with the page. */
    private void showPushedData(Connection connection, ConnectorSpec spec, Runnable received) {
        if (pushedDataPanel == null) {
            pushedDataPanel = new PushedDataPanel(inbound, connection, spec, received);
            pushedDataBox.add(
                    new H2(spec.can(ConnectorSpec.Capability.UPLOAD) ? "Upload data" : "Webhooks"), pushedDataPanel);
        } else {
            pushedDataPanel.refresh();
        }
    }
}
