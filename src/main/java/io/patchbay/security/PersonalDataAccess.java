package io.patchbay.security;

import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see personal data that pages mask by default ({@link io.patchbay.base.PersonalData}): the tenant's own
 * admins, each time on asking, recorded in the tenant's audit trail with what they looked at. Staff working in the
 * tenant (support agents, solutions engineers) never may.
 */
@Service
public class PersonalDataAccess {

    private final ApplicationEventPublisher events;

    PersonalDataAccess(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Whether the signed-in user may ask to see personal data: an admin of this tenant, not staff visiting it. */
    public boolean mayReveal() {
        return CurrentTenant.member()
                .filter(member -> member.roles().contains(Role.CUSTOMER_ADMIN))
                .filter(member -> !member.staff())
                .filter(member -> member.tenantId().equals(member.homeTenantId()))
                .isPresent();
    }

    /**
     * Records that the signed-in admin sees the personal data of this object now.
     *
     * @param what what the person sees, as the audit trail says it (a quarantined record, an identity conflict)
     * @throws AccessDeniedException for anyone but an admin of the tenant
     */
    @PreAuthorize("hasRole('CUSTOMER_ADMIN')")
    @Transactional
    public void reveal(String objectType, String objectId, String what) {
        if (!mayReveal()) {
            throw new AccessDeniedException("Only the tenant's own admins see personal data.");
        }
        TenantMember member = CurrentTenant.member().orElseThrow();
        events.publishEvent(
                new PersonalDataRevealed(CurrentTenant.require(), objectType, objectId, what, member.username()));
    }
}
