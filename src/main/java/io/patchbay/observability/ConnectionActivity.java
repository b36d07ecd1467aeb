package io.patchbay.observability;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.base.PersonalData;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InboundMessage;
import io.patchbay.connection.InboundService;
import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
        runs.timeline(id, null, limit).forEach(run -> items.add(run(run)));
        health.transitions(id, limit).forEach(transition -> items.add(health(transition)));
        audit.entriesFor("connection", id.toString(), limit).forEach(entry -> items.add(change(entry)));
        if (connections.spec(connection).pushed()) {
            inbound.recentMessages(id, limit).forEach(message -> items.add(data(message)));
        }
        return items.stream()
                .sorted(Comparator.comparing(ActivityItem::at).reversed())
                .limit(limit)
                .toList();
    }

    private static ActivityItem run(Run run) {
        Instant at = run.finishedAt() != null
                ? run.finishedAt()
                : run.startedAt() != null ? run.startedAt() : run.queuedAt();
        String detail = run.errorMessage() != null
                ? (run.errorClass() == null ? "" : run.errorClass().label() + ": ")
                        + PersonalData.mask(run.errorMessage())
                : run.recordsRead() + " read, " + run.recordsWritten() + " written, " + run.recordsQuarantined()
                        + " quarantined";
        return new ActivityItem(
                at,
                ActivityItem.Kind.RUN,
                run.trigger().label() + ": " + run.status().label().toLowerCase(Locale.ROOT),
                detail,
                run.correlationId(),
                "runs/" + run.id());
    }

    private static ActivityItem health(HealthTransition transition) {
        return new ActivityItem(
                transition.at(),
                ActivityItem.Kind.HEALTH,
                (transition.from() == null ? "" : transition.from().label() + " → ")
                        + transition.to().label(),
                PersonalData.mask(transition.reason()) + " (" + transition.cause() + ")",
                transition.correlationId(),
                null);
    }

    private static ActivityItem change(AuditEntry entry) {
        String details = entry.details().entrySet().stream()
                .map(detail -> detail.getKey() + ": " + detail.getValue())
                .collect(Collectors.joining(", "));
        return new ActivityItem(
                entry.occurredAt(),
                ActivityItem.Kind.CHANGE,
                entry.actor() + " " + Actions.done(entry.action()),
                PersonalData.mask(details),
                null,
                null);
    }

    private static ActivityItem data(InboundMessage message) {
        return new ActivityItem(
                message.receivedAt(),
                ActivityItem.Kind.DATA,
                message.recordCount() + (message.recordCount() == 1 ? " record" : " records") + " received",
                PersonalData.mask(message.summary()),
                message.messageId(),
                null);
    }
}
