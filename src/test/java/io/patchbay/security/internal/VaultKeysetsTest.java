package io.patchbay.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A key rotation: new secrets use the new key, old ones keep opening, re-wrapping lets the old key retire. */
class VaultKeysetsTest {

    private final TenantId tenant = new TenantId(UUID.randomUUID());

    @Test
    void rotateRewrapRetire() throws Exception {
        String first = VaultKeysets.generate();
        byte[] old = vault(first).seal(tenant, "connection/1", "sk_live_rotate_me");

        String rotated = VaultKeysets.rotate(first);
        SecretVault during = vault(rotated);
        assertThat(during.needsRewrap(old)).isTrue();
        assertThat(during.open(tenant, "connection/1", old)).isEqualTo("sk_live_rotate_me");
        byte[] rewrapped = during.rewrap(tenant, "connection/1", old);
        assertThat(during.needsRewrap(rewrapped)).isFalse();

        SecretVault after = vault(VaultKeysets.retire(rotated));
        assertThat(after.open(tenant, "connection/1", rewrapped)).isEqualTo("sk_live_rotate_me");
        assertThatThrownBy(() -> after.open(tenant, "connection/1", old))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("sk_live_rotate_me");
    }

    @Test
    void aCiphertextOpensOnlyForItsTenantAndOwner() throws Exception {
        SecretVault vault = vault(VaultKeysets.generate());
        byte[] sealed = vault.seal(tenant, "connection/1", "sk_live_bound");
        assertThatThrownBy(() -> vault.open(new TenantId(UUID.randomUUID()), "connection/1", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.open(tenant, "connection/2", sealed)).isInstanceOf(IllegalStateException.class);
    }

    private static SecretVault vault(String keyset) throws Exception {
        return new SecretVault(TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get()));
    }
}
