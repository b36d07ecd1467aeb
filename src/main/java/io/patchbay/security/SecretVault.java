package io.patchbay.security;

import com.google.crypto.tink.Aead;
import io.patchbay.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Service;

/**
 * Encrypts secrets (API keys, client secrets, tokens) with Tink AEAD (AES-256-GCM). The tenant and the owning object
 * (e.g. a connection id) are bound as associated data, so a ciphertext copied to another tenant or object does not
 * decrypt.
 */
@Service
public class SecretVault {

    private final Aead aead;

    SecretVault(Aead vaultAead) {
        this.aead = vaultAead;
    }

    public SealedSecret seal(TenantId tenant, String owner, String secret) {
        try {
            byte[] cipher = aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(tenant, owner));
            return new SealedSecret(cipher, SealedSecret.hintFor(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public String open(TenantId tenant, String owner, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(tenant, owner)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never include the ciphertext or anything derived from it
            throw new IllegalStateException("A stored secret could not be decrypted for " + owner, e);
        }
    }

    private static byte[] associatedData(TenantId tenant, String owner) {
        return (tenant.value() + "/" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
