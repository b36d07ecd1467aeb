package io.patchbay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionService;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff belong to the operator and choose the customer tenant they work in, saying why; the visit is audited there,
 * and from then on they see that tenant's data and only that. Customers cannot choose.
 */
@IntegrationTest
class StaffAccessIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    StaffAccess staff;

    @Autowired
    ConnectionService connections;

    @Autowired
    AuditService audit;

    @Autowired
    ConnectionChanges changes;

    @Test
    void staffWorkInTheTenantTheyChoseAuditedThereWithWhyAndGoBackHome() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Staffed Co");
        Connection theirs = Actors.as(
                customer.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup(ConnectionFixtures.TEMPLATE));

        Actors.as(operations.id(), Role.SUPPORT_AGENT, () -> {
            assertThat(staff.tenants())
                    .extracting(Tenant::id)
                    .contains(customer.id())
                    .doesNotContain(operations.id());
            assertThat(connections.list()).isEmpty();
            assertThatThrownBy(() -> staff.workIn(customer.id(), " hi "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Say why");
            assertThatThrownBy(() -> staff.workIn(operations.id(), "Looking around"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no customer tenant");

            staff.workIn(customer.id(), "Ticket 4521: contacts stopped syncing");
            assertThat(CurrentTenant.require()).isEqualTo(customer.id());
            assertThat(staff.atHome()).isFalse();
            assertThat(CurrentTenant.member().orElseThrow().homeTenantId()).isEqualTo(operations.id());
            assertThat(connections.list()).extracting(Connection::id).containsExactly(theirs.id());

            staff.goHome();
            assertThat(CurrentTenant.require()).isEqualTo(operations.id());
            assertThat(connections.list()).isEmpty();
        });
        assertThat(Actors.as(
                        customer.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> audit.entriesFor("tenant", customer.id().toString(), 5)))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("staff.entered");
                    assertThat(entry.actor()).isEqualTo("test-support_agent");
                    assertThat(entry.details())
                            .containsEntry("reason", "Ticket 4521: contacts stopped syncing")
                            .containsEntry("roles", "Support agent");
                });
    }

    @Test
    void whatStaffDoInACustomersTenantIsAuditedThereWithWhyTheyCame() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Engineered Co");
        Connection theirs = Actors.as(
                customer.id(), Role.CUSTOMER_ADMIN, () -> connections.startSetup(ConnectionFixtures.TEMPLATE));

        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            staff.workIn(customer.id(), "Ticket 4522: finish their CRM setup");
            changes.rename(theirs.id(), theirs.version(), "CRM, set up with support");
        });
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> changes.rename(theirs.id(), theirs.version() + 1, "CRM"));

        var entries = Actors.as(
                customer.id(),
                Role.CUSTOMER_ADMIN,
                () -> audit.entriesFor("connection", theirs.id().toString(), 5));
        assertThat(entries)
                .filteredOn(entry -> entry.actor().equals("test-solutions_engineer"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details())
                        .containsEntry("staffReason", "Ticket 4522: finish their CRM setup"));
        assertThat(entries)
                .filteredOn(entry -> !entry.actor().equals("test-solutions_engineer"))
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.details()).doesNotContainKey("staffReason"));
    }

    @Test
    void aCustomerAdminCannotChooseAnotherTenant() {
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Own Tenant Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Someone Else Co");
        Actors.as(customer.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThatThrownBy(staff::tenants).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> staff.workIn(other.id(), "I would like to look"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(CurrentTenant.require()).isEqualTo(customer.id());
        });
        assertThat(Actors.as(
                        other.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> audit.entriesFor("tenant", other.id().toString(), 5)))
                .isEmpty();
    }
}
