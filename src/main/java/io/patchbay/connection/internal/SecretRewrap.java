package io.patchbay.connection.internal;

import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a vault key rotation, seals every stored secret again with the new primary key, in the background, one
 * connection per transaction, while the hub serves: the old key keeps decrypting until this is done. Safe on several
 * nodes at once: a replacement only lands if the ciphertext is still the one that was read.
 */
@Component
class SecretRewrap {

    private static final Logger log = LoggerFactory.getLogger(SecretRewrap.class);

    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final TransactionTemplate tx;

    SecretRewrap(ConnectionRepository connections, SecretVault vault, TransactionTemplate tx) {
        this.connections = connections;
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
        var stale = tx.execute(s -> connections.allStoredSecrets().stream()
                .filter(secret -> vault.needsRewrap(secret.cipher()))
                .toList());
        int done = 0;
        for (var secret : stale == null ? java.util.List.<ConnectionRepository.StoredSecret>of() : stale) {
            String owner = "connection/" + secret.connectionId();
            Boolean replaced = CurrentTenant.callAs(
                    secret.tenantId(),
                    () -> tx.execute(s -> connections.replaceCipher(
                            secret.connectionId(),
                            secret.cipher(),
                            vault.rewrap(secret.tenantId(), owner, secret.cipher()))));
            done += Boolean.TRUE.equals(replaced) ? 1 : 0;
        }
        if (done > 0) {
            log.info("Re-wrapped {} stored secrets with the vault's current primary key", done);
        }
        return done;
    }
}
