package io.patchbay.security;

import io.patchbay.tenancy.TenantId;
import java.util.List;

/**
 * A place that keeps secrets sealed by the {@link SecretVault}: after a key rotation the vault's re-wrap reads them
 * all and seals each again with the new primary key. Every module that stores sealed secrets provides one, so no
 * secret is left on a key that is about to be retired.
 */
public interface SealedSecrets {

    /** One sealed secret: whose, the owner it was sealed for, and its ciphertext. */
    record Sealed(TenantId tenant, String owner, byte[] cipher) {}

    /** Every sealed secret kept here, of every tenant: for the re-wrap only, a system task that shows nothing. */
    List<Sealed> all();

    /**
     * Replaces a ciphertext, in the tenant's scope and a transaction, if it is still the one that was read.
     *
     * @return false when it changed meanwhile (it was sealed with the current key then)
     */
    boolean replace(Sealed sealed, byte[] replacement);
}
