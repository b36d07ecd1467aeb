package io.patchbay.observability;

import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.Tenant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The support console's reads: every customer tenant's connections by stored health, worst first, for staff only
 * (support agents and solutions engineers of the operator). What it lists is health and names; to look into a
 * connection, staff choose its tenant (audited there with why), as everywhere else.
 */
@Service
public class SupportConsole {

    private static final String STAFF = "hasAnyRole('SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";

    private final HealthRepository stored;
    private final StaffAccess staff;
    private final RunCharts charts;

    SupportConsole(HealthRepository stored, StaffAccess staff, RunCharts charts) {
        this.stored = stored;
        this.staff = staff;
        this.charts = charts;
    }

    /** Connections of every customer tenant, or of {@code filter.tenant()}, worst first, after {@code after}. */
    @PreAuthorize(STAFF)
    @Transactional(readOnly = true)
    public List<ConnectionHealth> page(HealthFilter filter, @Nullable HealthCursor after, int limit) {
        requireOperatorStaff();
        return stored.page(filter.tenant(), filter, after, limit);
    }

    /** Whether the signed-in user may open the console: the operator's staff, not a customer's support role. */
    public boolean open() {
        return staff.operatorStaff();
    }

    private void requireOperatorStaff() {
        if (!staff.operatorStaff()) {
            throw new AccessDeniedException("The support console is for the operator's staff.");
        }
    }

    /** The connectors used anywhere, for a filter. */
    @PreAuthorize(STAFF)
    @Transactional(readOnly = true)
    public List<String> connectors() {
        requireOperatorStaff();
        return stored.connectors(null);
    }

    /** Failures per day and error class over the last {@code days} days, of one tenant or of all. */
    @PreAuthorize(STAFF)
    public List<FailureDay> failures(io.patchbay.tenancy.@Nullable TenantId tenant, int days) {
        requireOperatorStaff();
        return charts.failures(tenant, days);
    }

    /** The customer tenants staff may look into. */
    @PreAuthorize(STAFF)
    public List<Tenant> tenants() {
        requireOperatorStaff();
        return staff.tenants();
    }
}
