package io.patchbay.security.internal;

import static io.patchbay.db.Tables.CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.observability.AlertChannels;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.security.SealedSecrets;
import io.patchbay.security.SecretVault;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a key rotation every stored secret (a connection's settings, an alert webhook's signing secret) is sealed again
 * with the new key, and still opens.
 */
@IntegrationTest
class VaultRewrapIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    List<SealedSecrets> stores;

    @Autowired
    AlertChannels alertChannels;

    @Autowired
    SandboxCrm crm;

    @Autowired
    KeysetHandle vaultKeyset;

    @Autowired
    TransactionTemplate tx;

    @org.springframework.beans.factory.annotation.Value("${server.port}")
    int port;

    @Autowired
    DSLContext db;

    @Test
    void storedSecretsMoveToTheNewPrimaryKey() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Rotation Co");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Rotated CRM");
        var hook = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> alertChannels.addWebhook(
                        // the hub's own webhook path: open to the egress guard, as a receiver outside would be
                        "http://localhost:" + port + "/hooks/" + java.util.UUID.randomUUID()));

        var rotatedBuilder = KeysetHandle.newBuilder(vaultKeyset);
        rotatedBuilder.addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM")
                .withRandomId()
                .makePrimary());
        KeysetHandle rotatedKeyset = rotatedBuilder.build();
        SecretVault rotated = new SecretVault(rotatedKeyset);
        assertThat(rotated.needsRewrap(cipherOf(connection))).isTrue();

        int rewrapped = new VaultRewrap(stores, rotated, tx).rewrapAll();
        assertThat(rewrapped).isGreaterThanOrEqualTo(2);
        byte[] now = cipherOf(connection);
        assertThat(rotated.needsRewrap(now)).isFalse();
        assertThat(rotated.open(tenant.id(), "connection/" + connection.id(), now))
                .contains(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey));
        byte[] hookCipher = alertSecretOf(hook.channel().id());
        assertThat(rotated.needsRewrap(hookCipher)).isFalse();
        assertThat(rotated.open(tenant.id(), "alert_channel:" + hook.channel().id(), hookCipher))
                .isEqualTo(hook.signingSecret());
        assertThat(new VaultRewrap(stores, rotated, tx).rewrapAll())
                .as("nothing left to do")
                .isZero();

        // back to the hub's own key, so the other tests' connections keep opening
        var backBuilder = KeysetHandle.newBuilder(rotatedKeyset);
        for (int i = 0; i < backBuilder.size(); i++) {
            if (rotatedKeyset.getAt(i).getId() == vaultKeyset.getPrimary().getId()) {
                backBuilder.getAt(i).makePrimary();
            }
        }
        new VaultRewrap(stores, new SecretVault(backBuilder.build()), tx).rewrapAll();
        assertThat(new SecretVault(vaultKeyset).needsRewrap(cipherOf(connection)))
                .isFalse();
        assertThat(new SecretVault(vaultKeyset)
                        .needsRewrap(alertSecretOf(hook.channel().id())))
                .isFalse();
    }

    private byte[] alertSecretOf(java.util.UUID channel) {
        return db.select(io.patchbay.db.Tables.ALERT_CHANNEL.SECRET_CIPHER)
                .from(io.patchbay.db.Tables.ALERT_CHANNEL)
                .where(io.patchbay.db.Tables.ALERT_CHANNEL.ID.eq(channel))
                .fetchSingle()
                .value1();
    }

    private byte[] cipherOf(Connection connection) {
        return db.select(CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle()
                .value1();
    }
}
