package io.patchbay.observability;

import io.patchbay.connection.ConnectionId;
import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connections' health as stored by the last evaluation ({@link HealthRules}, run when something happened to the
 * connection, never on page load), for the current tenant: one connection's, a keyset page of all of them worst first,
 * and how it changed over time.
 */
@Service
public class HealthService {

    private final HealthRepository stored;

    HealthService(HealthRepository stored) {
        this.stored = stored;
    }

    /** The connection's health; empty for a setup in progress, and for a moment after activation. */
    @Transactional(readOnly = true)
    public Optional<ConnectionHealth> current(ConnectionId connection) {
        return stored.find(connection);
    }

    /** The tenant's connections, worst first, then by name: the page after {@code after} (null: the first). */
    @Transactional(readOnly = true)
    public List<ConnectionHealth> page(HealthFilter filter, @Nullable HealthCursor after, int limit) {
        return stored.page(CurrentTenant.require(), filter, after, limit);
    }

    /** The connectors the tenant's connections use, for a filter. */
    @Transactional(readOnly = true)
    public List<String> connectors() {
        return stored.connectors(CurrentTenant.require());
    }

    /** How the connection's health changed, newest first. */
    @Transactional(readOnly = true)
    public List<HealthTransition> transitions(ConnectionId connection, int limit) {
        return stored.transitions(connection, limit);
    }
}
