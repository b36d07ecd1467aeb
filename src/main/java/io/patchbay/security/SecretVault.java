package io.patchbay.security;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.patchbay.tenancy.TenantId;
import java.nio.ByteBuffer;
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
    private final int primaryKeyId;

    /** A vault on a Tink keyset: the primary key encrypts, every key in the set decrypts. */
    public SecretVault(KeysetHandle vaultKeyset) {
        try {
            this.aead = vaultKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The vault keyset holds no usable AEAD key", e);
        }
        this.primaryKeyId = vaultKeyset.getPrimary().getId();
    }

    /** The ciphertext of {@code secret}, bound to the tenant and owner. */
    public byte[] seal(TenantId tenant, String owner, String secret) {
        try {
            return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(tenant, owner));
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

    /**
     * Whether a ciphertext was made with a key other than today's primary: after a key rotation, such secrets are
     * re-wrapped so the old key can be retired. Tink prefixes each ciphertext with its key's id.
     */
    public boolean needsRewrap(byte[] ciphertext) {
        return ciphertext.length < 5
                || ciphertext[0] != 1
                || ByteBuffer.wrap(ciphertext, 1, 4).getInt() != primaryKeyId;
    }

    /** The same secret sealed again with the primary key; the clear text never leaves this method. */
    public byte[] rewrap(TenantId tenant, String owner, byte[] ciphertext) {
        return seal(tenant, owner, open(tenant, owner, ciphertext));
    }

    /** What a person may see of a secret: {@code ••••} and, for secrets long enough to spare them, the last four. */
    public static String hint(String secret) {
        return "••••" + (secret.length() > 8 ? secret.substring(secret.length() - 4) : "");
    }

    private static byte[] associatedData(TenantId tenant, String owner) {
        return (tenant.value() + "/" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
