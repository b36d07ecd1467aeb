package io.patchbay.audit;

import io.patchbay.audit.internal.AuditRepository;
import io.patchbay.connection.ConnectionActivated;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionDeleted;
import io.patchbay.connection.ConnectionPaused;
import io.patchbay.connection.ConnectionResumed;
import io.patchbay.security.EgressExceptionChanged;
import io.patchbay.tenancy.StaffEnteredTenant;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records configuration changes as they happen, in the transaction that makes them, so no change goes unrecorded
 * and no record names a change that was rolled back.
 */
@Service
public class AuditService {

    private static final String CONNECTION = "connection";

    private final AuditRepository entries;

    AuditService(AuditRepository entries) {
        this.entries = entries;
    }

    @EventListener
    @Transactional
    void on(ConnectionChanged event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                event.action(),
                CONNECTION,
                event.connectionId().toString(),
                event.changes());
    }

    @EventListener
    @Transactional
    void on(ConnectionActivated event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                "connection.activated",
                CONNECTION,
                event.connectionId().toString(),
                Map.of("scheduleMinutes", String.valueOf(event.scheduleMinutes())));
    }

    @EventListener
    @Transactional
    void on(ConnectionDeleted event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                event.draft() ? "connection.discarded" : "connection.deleted",
                CONNECTION,
                event.connectionId().toString(),
                Map.of("name", event.name(), "records", event.removeRecords() ? "removed" : "kept"));
    }

    /** A member of staff began working in the tenant: who, in which roles, and why. */
    @EventListener
    @Transactional
    void on(StaffEnteredTenant event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                "staff.entered",
                "tenant",
                event.tenantId().toString(),
                Map.of("roles", event.roles(), "reason", event.reason()));
    }

    @EventListener
    @Transactional
    void on(ConnectionPaused event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                "connection.paused",
                CONNECTION,
                event.connectionId().toString(),
                Map.of());
    }

    @EventListener
    @Transactional
    void on(ConnectionResumed event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                "connection.resumed",
                CONNECTION,
                event.connectionId().toString(),
                Map.of());
    }

    /** Personal data shown unmasked: to whom, of what. */
    @EventListener
    @Transactional
    void on(io.patchbay.security.PersonalDataRevealed event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                "personal_data.revealed",
                event.objectType(),
                event.objectId(),
                Map.of("what", event.what()));
    }

    @EventListener
    @Transactional
    void on(EgressExceptionChanged event) {
        entries.append(
                event.tenantId(), event.actor(), event.action(), "egress_exception", event.host(), event.details());
    }

    @EventListener
    @Transactional
    void on(io.patchbay.schema.SchemaChanged event) {
        entries.append(
                event.tenantId(),
                event.actor(),
                event.action(),
                "schema",
                event.subject() + "@" + event.version(),
                event.details());
    }

    @EventListener
    @Transactional
    void on(io.patchbay.catalog.TemplateChanged event) {
        entries.append(
                event.tenantId(), event.actor(), event.action(), "template", event.templateId(), event.details());
    }

    /**
     * Records a change the current user made in the current tenant, in the caller's transaction: for modules that
     * the audit trail does not listen to because they read it themselves.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void record(String action, String objectType, String objectId, Map<String, String> details) {
        entries.append(
                io.patchbay.tenancy.CurrentTenant.require(),
                io.patchbay.tenancy.CurrentTenant.actor(),
                action,
                objectType,
                objectId,
                details);
    }

    /** The current tenant's entries made by the work with this correlation id, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> entriesWith(String correlationId, int limit) {
        return entries.forCorrelation(correlationId, limit);
    }

    /**
     * The change made to an object of the current tenant last before a moment: what was changed before a run that
     * failed, say.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<AuditEntry> lastBefore(String objectType, String objectId, java.time.Instant before) {
        return entries.lastBefore(objectType, objectId, before);
    }

    /** The newest entries about one object of the current tenant. */
    @Transactional(readOnly = true)
    public List<AuditEntry> entriesFor(String objectType, String objectId, int limit) {
        return entries.forObject(objectType, objectId, limit);
    }
}
