package io.patchbay.tenancy;

import io.patchbay.tenancy.internal.StaffAuthentication;
import io.patchbay.tenancy.internal.TenantRepository;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff choosing the tenant they work in. Staff (support agents, solutions engineers) belong to the company running
 * Patchbay, not to a customer: to look into a customer's tenant they choose it and say why, which is audited in that
 * tenant; from then on everything they see and do is scoped to it, as a customer's is to theirs, until they choose
 * another or go back. Customers never reach this: their tenant is the one they belong to.
 */
@Service
public class StaffAccess {

    static final String STAFF = "hasAnyRole('SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";
    public static final int MIN_REASON = 5;

    private final TenantRepository tenants;
    private final ApplicationEventPublisher events;

    StaffAccess(TenantRepository tenants, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.events = events;
    }

    /** The customer tenants staff may work in, by name. */
    @PreAuthorize(STAFF)
    @Transactional(readOnly = true)
    public List<Tenant> tenants() {
        return tenants.customerTenants();
    }

    /** The tenant the signed-in user works in now, and whether it is their own. */
    @Transactional(readOnly = true)
    public Optional<Tenant> current() {
        return CurrentTenant.find().flatMap(tenants::findTenant);
    }

    /** Whether the signed-in member of staff is in their own tenant (the operator's), not a customer's. */
    @Transactional(readOnly = true)
    public boolean atHome() {
        return CurrentTenant.member()
                .map(member -> member.tenantId().equals(member.homeTenantId()))
                .orElse(true);
    }

    /**
     * Works in {@code tenant} from now on, in this sign-in: audited there, with the reason.
     *
     * @throws IllegalArgumentException naming what is wrong: no reason, or no such customer tenant
     */
    @PreAuthorize(STAFF)
    @Transactional
    public Tenant workIn(TenantId tenant, @Nullable String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON) {
            throw new IllegalArgumentException(
                    "Say why you work in this tenant (a ticket, the customer's request): at least " + MIN_REASON
                            + " characters.");
        }
        Tenant chosen = tenants.findTenant(tenant)
                .filter(t -> !t.operator())
                .orElseThrow(() -> new IllegalArgumentException("There is no customer tenant " + tenant + "."));
        Authentication original = signIn();
        TenantMember staff = (TenantMember) original.getPrincipal();
        SecurityContextHolder.getContext()
                .setAuthentication(StaffAuthentication.workingIn(original, staff, chosen.id(), why));
        events.publishEvent(new StaffEnteredTenant(
                chosen.id(),
                staff.username(),
                String.join(
                        ", ", staff.roles().stream().map(Role::label).sorted().toList()),
                why));
        return chosen;
    }

    /**
     * Whether the signed-in user is the operator's staff: a support agent or solutions engineer whose own tenant is the
     * operator's. A customer's own user with such a role is not, and sees no other tenant.
     */
    @Transactional(readOnly = true)
    public boolean operatorStaff() {
        return CurrentTenant.member()
                .filter(TenantMember::staff)
                .flatMap(member -> tenants.findTenant(member.homeTenantId()))
                .filter(Tenant::operator)
                .isPresent();
    }

    /** Back to the staff member's own tenant, leaving the customer's. */
    @PreAuthorize(STAFF)
    public void goHome() {
        SecurityContextHolder.getContext().setAuthentication(signIn());
    }

    /** The sign-in as it was made, before any tenant was chosen. */
    private static Authentication signIn() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null
                || !(current.getPrincipal() instanceof TenantMember || current instanceof StaffAuthentication)) {
            throw new IllegalStateException("Nobody is signed in");
        }
        return current instanceof StaffAuthentication staff ? staff.original() : current;
    }
}
