package io.patchbay.observability;

import io.patchbay.base.AfterCommit;
import io.patchbay.base.InvalidInputException;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.observability.internal.AlertDispatcher;
import io.patchbay.observability.internal.AlertOutbox;
import io.patchbay.observability.internal.NoticeRepository;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a tenant's admins are told in the hub: each connection that turns Degraded or Failing, once when it turns
 * (written with the health transition, so one episode gives one alert however many runs fail in it), its recovery,
 * and the fix support sends them from a connection's page (audited on the connection).
 */
@Service
public class Notices {

    /** The shortest fix support may send: a few words saying what to do. */
    public static final int MIN_FIX = 10;

    static final String SYSTEM = "Patchbay";

    private final NoticeRepository notices;
    private final AlertOutbox outbox;
    private final AlertDispatcher dispatcher;
    private final ConnectionService connections;
    private final ApplicationEventPublisher events;

    Notices(
            NoticeRepository notices,
            AlertOutbox outbox,
            AlertDispatcher dispatcher,
            ConnectionService connections,
            ApplicationEventPublisher events) {
        this.notices = notices;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.events = events;
    }

    /** The tenant's notices, newest first. */
    @Transactional(readOnly = true)
    public List<Notice> newest(int limit) {
        return notices.newest(limit);
    }

    /** The tenant's notices about the work with this correlation id, newest first. */
    @Transactional(readOnly = true)
    public List<Notice> withCorrelation(String correlationId, int limit) {
        return notices.withCorrelation(correlationId, limit);
    }

    /** How many no admin of the tenant has seen yet. */
    @Transactional(readOnly = true)
    public int unread() {
        return notices.unread();
    }

    /** The tenant's admin has seen them all; staff looking in do not count. */
    @Transactional
    public void seen() {
        boolean admin = CurrentTenant.member()
                .filter(member -> member.roles().contains(Role.CUSTOMER_ADMIN) && !member.staff())
                .isPresent();
        if (admin) {
            notices.markAllRead();
        }
    }

    /**
     * Sends the tenant's admins what to do about a connection, as a notice in their hub, recorded in its audit trail.
     *
     * @throws IllegalArgumentException when the message is shorter than {@link #MIN_FIX} or the connection is not
     *     the tenant's
     */
    @PreAuthorize("hasAnyRole('SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')")
    @Transactional
    public void sendFix(ConnectionId id, @Nullable String message) {
        String fix = message == null ? "" : message.strip();
        if (fix.length() < MIN_FIX) {
            throw new InvalidInputException("Say what the admins should do: at least " + MIN_FIX + " characters.");
        }
        Connection connection =
                connections.find(id).orElseThrow(() -> new InvalidInputException("There is no such connection."));
        tell(
                id,
                Notice.Kind.FIX,
                connection.name() + ": what to do",
                fix,
                CurrentTenant.actor(),
                io.patchbay.base.Correlation.currentOrNull());
        events.publishEvent(new ConnectionChanged(
                CurrentTenant.require(), id, "connection.fix_sent", Map.of("message", fix), CurrentTenant.actor()));
    }

    /**
     * Called with each stored health transition, in its transaction: an alert on turning bad or worse, a notice on
     * recovery ({@link HealthTransitions}).
     */
    void transition(ConnectionHealth now, @Nullable HealthStatus before, @Nullable String correlationId) {
        HealthStatus after = now.health().status();
        HealthTransitions.notice(before, after)
                .ifPresent(kind -> tell(
                        now.connectionId(),
                        kind,
                        kind == Notice.Kind.RECOVERY
                                ? now.name() + " is connected again"
                                : now.name() + " is " + after.label()
                                        + (before == HealthStatus.DEGRADED ? " (it was Degraded)" : ""),
                        kind == Notice.Kind.RECOVERY || now.health().fix() == null
                                ? now.health().reason()
                                : now.health().reason() + "\nRecommended fix: "
                                        + now.health().fix(),
                        SYSTEM,
                        correlationId));
    }

    /** Patchbay paused the connection on an anomaly, as its admins asked: they hear it, with why. */
    void pausedOnAnomaly(Connection connection, String reason) {
        tell(
                connection.id(),
                Notice.Kind.ALERT,
                connection.name() + " was paused automatically",
                reason + "\nIt was paused because its settings ask for that on an anomaly; nothing syncs until someone"
                        + " resumes it on its page.",
                SYSTEM,
                io.patchbay.base.Correlation.currentOrNull());
    }

    /**
     * Writes the notice and queues it for the tenant's channels in the same transaction (the outbox), and has the
     * dispatcher look as soon as that commits.
     */
    private void tell(
            ConnectionId connection,
            Notice.Kind kind,
            String title,
            String body,
            String by,
            @Nullable String correlationId) {
        long id = notices.append(connection, kind, title, body, by, correlationId);
        if (outbox.enqueue(id) > 0) {
            AfterCommit.run(dispatcher::wake);
        }
    }
}
