package io.patchbay.observability;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InboundService;
import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.sync.RunService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One timeline of a connection: its runs, its health changes with their causes, the changes people made (the audit
 * trail) and the data pushed to it, interleaved newest first, each with the correlation id that ties it to what it
 * produced. What people read of it has personal data masked.
 */
@Service
public class ConnectionActivity {

    private final ConnectionService connections;
    private final RunService runs;
    private final HealthRepository health;
    private final AuditService audit;
    private final InboundService inbound;

    ConnectionActivity(
            ConnectionService connections,
            RunService runs,
            HealthRepository health,
            AuditService audit,
            InboundService inbound) {
        this.connections = connections;
        this.runs = runs;
        this.health = health;
        this.audit = audit;
        this.inbound = inbound;
    }

    /** The newest {@code limit} things that happened to the connection; empty for another tenant's. */
    @Transactional(readOnly = true)
    public List<ActivityItem> recent(ConnectionId id, int limit) {
        Connection connection = connections.find(id).orElse(null);
        if (connection == null) {
            return List.of();
        }
        List<ActivityItem> items = new ArrayList<>();
        runs.timeline(id, null, limit).forEach(run -> items.add(ActivityItems.run(run)));
        health.transitions(id, limit).forEach(transition -> items.add(ActivityItems.health(transition)));
        audit.entriesFor("connection", id.toString(), limit).forEach(entry -> items.add(ActivityItems.change(entry)));
        if (connections.spec(connection).pushed()) {
            inbound.recentMessages(id, limit).forEach(message -> items.add(ActivityItems.data(message)));
        }
        return items.stream()
                .sorted(Comparator.comparing(ActivityItem::at).reversed())
                .limit(limit)
                .toList();
    }
}
