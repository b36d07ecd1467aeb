package io.patchbay.observability;

import io.patchbay.audit.AuditService;
import io.patchbay.base.Correlation;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InboundService;
import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.RunService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything one correlation id touched in the tenant: the run it names, the health changes it caused, the changes a
 * request made (the audit trail), the data it delivered, the notices it led to and the records it left in quarantine,
 * newest first, each saying which connection it is about. Support quotes the id from an alert or a log line and
 * lands on all of it.
 */
@Service
public class CorrelationTrace {

    /** How many of each kind are read: a correlation id names one piece of work, not a history. */
    static final int MOST = 200;

    private final RunService runs;
    private final HealthRepository health;
    private final AuditService audit;
    private final InboundService inbound;
    private final Notices notices;
    private final Quarantine quarantine;
    private final ConnectionService connections;

    CorrelationTrace(
            RunService runs,
            HealthRepository health,
            AuditService audit,
            InboundService inbound,
            Notices notices,
            Quarantine quarantine,
            ConnectionService connections) {
        this.runs = runs;
        this.health = health;
        this.audit = audit;
        this.inbound = inbound;
        this.notices = notices;
        this.quarantine = quarantine;
        this.connections = connections;
    }

    /** What the work did, and how many of its records still wait in quarantine. */
    public record Trace(String correlationId, List<ActivityItem> items, int quarantined) {

        public boolean isEmpty() {
            return items.isEmpty() && quarantined == 0;
        }
    }

    /**
     * @throws IllegalArgumentException when the text cannot be a correlation id
     */
    @PreAuthorize("hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')")
    @Transactional(readOnly = true)
    public Trace find(String text) {
        String id = Optional.ofNullable(Correlation.accepted(text.strip()))
                .orElseThrow(() -> new IllegalArgumentException(
                        "A correlation id is 6 to 64 letters, digits, dots, dashes or colons, such as run-3f9a0c12."));
        Map<ConnectionId, String> names = new HashMap<>();
        List<ActivityItem> items = new ArrayList<>();
        runs.withCorrelation(id, MOST)
                .forEach(run -> items.add(about(ActivityItems.run(run), run.connectionId(), names)));
        health.transitionsWith(id, MOST)
                .forEach(transition ->
                        items.add(about(ActivityItems.health(transition), transition.connectionId(), names)));
        audit.entriesWith(id, MOST).forEach(entry -> {
            ActivityItem change = ActivityItems.change(entry);
            items.add(
                    entry.objectType().equals("connection")
                            ? ConnectionId.parse(entry.objectId())
                                    .map(connection -> about(change, connection, names))
                                    .orElse(change)
                            : change);
        });
        inbound.messagesWith(id, MOST)
                .forEach((connection, messages) ->
                        messages.forEach(message -> items.add(about(ActivityItems.data(message), connection, names))));
        notices.withCorrelation(id, MOST).forEach(notice -> {
            ActivityItem told = ActivityItems.notice(notice);
            items.add(notice.connectionId() == null ? told : about(told, notice.connectionId(), names));
        });
        items.sort(Comparator.comparing(ActivityItem::at).reversed());
        return new Trace(id, List.copyOf(items), quarantine.countWith(id));
    }

    /** The item with its connection's name, opening the connection where it opens nothing of its own. */
    private ActivityItem about(ActivityItem item, ConnectionId connection, Map<ConnectionId, String> names) {
        String name = names.computeIfAbsent(
                connection, id -> connections.find(id).map(Connection::name).orElse("a deleted connection"));
        return item.about(name, "connections/" + connection);
    }
}
