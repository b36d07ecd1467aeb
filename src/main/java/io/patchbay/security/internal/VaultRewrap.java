package io.patchbay.security.internal;

import io.patchbay.security.SealedSecrets;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a vault key rotation, seals every stored secret again with the new primary key (connections' settings, alert
 * webhooks' signing secrets: every {@link SealedSecrets}), in the background, one secret per transaction, while the
 * hub serves: the old key keeps decrypting until this is done. Safe on several nodes at once: a replacement only
 * lands if the ciphertext is still the one that was read.
 */
@Component
class VaultRewrap {

    private static final Logger log = LoggerFactory.getLogger(VaultRewrap.class);

    private final List<SealedSecrets> stores;
    private final SecretVault vault;
    private final TransactionTemplate tx;

    VaultRewrap(List<SealedSecrets> stores, SecretVault vault, TransactionTemplate tx) {
        this.stores = stores;
        this.vault = vault;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        var worker = new Thread(this::rewrapAll, "vault-rewrap");
        worker.setDaemon(true);
        worker.start();
    }

    /** Re-wraps what needs it; returns how many secrets it re-wrapped. */
    int rewrapAll() {
        int done = 0;
        for (SealedSecrets store : stores) {
            List<SealedSecrets.Sealed> stale = tx.execute(s -> store.all().stream()
                    .filter(secret -> vault.needsRewrap(secret.cipher()))
                    .toList());
            for (SealedSecrets.Sealed secret : stale == null ? List.<SealedSecrets.Sealed>of() : stale) {
                Boolean replaced = CurrentTenant.callAs(
                        secret.tenant(),
                        () -> tx.execute(s ->
                                store.replace(secret, vault.rewrap(secret.tenant(), secret.owner(), secret.cipher()))));
                done += Boolean.TRUE.equals(replaced) ? 1 : 0;
            }
        }
        if (done > 0) {
            log.info("Re-wrapped {} stored secrets with the vault's current primary key", done);
        }
        return done;
    }
}
