package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.security.SecretVault;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** After a key rotation every stored secret is sealed again with the new key, and still opens. */
@IntegrationTest
class SecretRewrapIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConnectionRepository repository;

    @Autowired
    SandboxCrm crm;

    @Autowired
    KeysetHandle vaultKeyset;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DSLContext db;

    @Test
    void storedSecretsMoveToTheNewPrimaryKey() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Rotation Co");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Rotated CRM");

        var rotatedBuilder = KeysetHandle.newBuilder(vaultKeyset);
        rotatedBuilder.addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM")
                .withRandomId()
                .makePrimary());
        KeysetHandle rotatedKeyset = rotatedBuilder.build();
        SecretVault rotated = new SecretVault(rotatedKeyset);
        assertThat(rotated.needsRewrap(cipherOf(connection))).isTrue();

        int rewrapped = new SecretRewrap(repository, rotated, tx).rewrapAll();
        assertThat(rewrapped).isPositive();
        byte[] now = cipherOf(connection);
        assertThat(rotated.needsRewrap(now)).isFalse();
        assertThat(rotated.open(tenant.id(), "connection/" + connection.id(), now))
                .contains(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey));
        assertThat(new SecretRewrap(repository, rotated, tx).rewrapAll())
                .as("nothing left to do")
                .isZero();

        // back to the hub's own key, so the other tests' connections keep opening
        var backBuilder = KeysetHandle.newBuilder(rotatedKeyset);
        for (int i = 0; i < backBuilder.size(); i++) {
            if (rotatedKeyset.getAt(i).getId() == vaultKeyset.getPrimary().getId()) {
                backBuilder.getAt(i).makePrimary();
            }
        }
        new SecretRewrap(repository, new SecretVault(backBuilder.build()), tx).rewrapAll();
        assertThat(new SecretVault(vaultKeyset).needsRewrap(cipherOf(connection)))
                .isFalse();
    }

    private byte[] cipherOf(Connection connection) {
        return db.select(CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle()
                .value1();
    }
}
