package io.patchbay.observability.ui;

import io.patchbay.base.ui.Facts;
import io.patchbay.base.ui.Formats;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionState;
import io.patchbay.sync.RunService;

/**
 * What a connection is, at a glance: its connector, its settings (secrets as hints), its table, its schedule and next
 * run, and how many core records it keeps in step.
 */
final class ConnectionFacts extends Facts {

    private final RunService runs;

    ConnectionFacts(RunService runs) {
        this.runs = runs;
    }

    void show(Connection connection, ConnectorSpec spec) {
        removeAll();
        fact("Connector", connection.connector());
        for (var setting : spec.settings()) {
            if (!setting.applies(connection.settings())) {
                continue;
            }
            String value = setting.secret()
                    ? connection.secretHints().getOrDefault(setting.key(), "–")
                    : connection.setting(setting.key());
            fact(setting.label(), value.isEmpty() ? "–" : value);
        }
        if (connection.stream() != null) {
            fact("Table", connection.stream());
        }
        if (spec.pushed()) {
            fact("Schedule", "none: syncs when data arrives");
        } else {
            boolean active = connection.state() == ConnectionState.ACTIVE;
            fact("Schedule", "every " + connection.scheduleMinutes() + " min");
            fact(
                    "Next run",
                    runs.nextRun(connection.id())
                            .filter(next -> active)
                            .map(next -> Formats.time(next) + " (" + Formats.relative(next) + ")")
                            .orElse("– (paused)"));
        }
        fact("Records in core store", String.valueOf(runs.linkedRecords(connection.id())));
    }
}
