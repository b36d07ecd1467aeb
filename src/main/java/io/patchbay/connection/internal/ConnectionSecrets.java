package io.patchbay.connection.internal;

import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.catalog.spi.TokenStore;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionId;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * A connection's secret settings: sealed in the vault with the tenant and the connection bound in, opened for the
 * calls that need them, and shown again only as hints. Reading and writing need the caller's transaction, as the
 * repository does.
 */
@Component
public class ConnectionSecrets {

    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;

    ConnectionSecrets(
            ConnectionRepository connections,
            SecretVault vault,
            ObjectMapper json,
            PlatformTransactionManager transactions) {
        this.connections = connections;
        this.vault = vault;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The connection's stored secrets in clear; empty when it has none. */
    public Map<String, String> stored(Connection connection) {
        byte[] cipher = connections.secretCipher(connection.id());
        if (cipher == null) {
            return Map.of();
        }
        try {
            return json.readValue(
                    vault.open(connection.tenantId(), owner(connection.id()), cipher), new TypeReference<>() {});
        } catch (JacksonException e) {
            throw new IllegalStateException("Stored secrets of " + connection.id() + " are not JSON");
        }
    }

    /** Every secret setting as one sealed value, bound to the tenant and the connection. */
    public byte[] seal(TenantId tenant, ConnectionId id, Map<String, String> secrets) {
        return vault.seal(tenant, owner(id), json.writeValueAsString(new TreeMap<>(secrets)));
    }

    /** What may be shown of each secret again: its last characters; consented tokens are never hinted. */
    public static Map<String, String> hints(Map<String, String> secrets) {
        Map<String, String> hints = new TreeMap<>();
        secrets.forEach((key, value) -> {
            if (!OAuth2Tokens.isTokenKey(key)) {
                hints.put(key, SecretVault.hint(value));
            }
        });
        return hints;
    }

    /**
     * Where the connection's connector hands tokens it refreshed: sealed into the connection's secrets in a
     * transaction of their own, once the caller's transaction (if any) has ended. A rollback then cannot lose a
     * refresh token the provider has already rotated.
     */
    public TokenStore tokenStore(Connection connection) {
        TenantId tenant = connection.tenantId();
        ConnectionId id = connection.id();
        return refreshed -> {
            Runnable store = () -> CurrentTenant.runAs(
                    tenant, () -> ownTransaction.executeWithoutResult(status -> storeTokens(id, refreshed)));
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        store.run();
                    }
                });
            } else {
                store.run();
            }
        };
    }

    /**
     * Replaces the connection's OAuth2 tokens among its sealed secrets; the other secrets and their hints stay. A
     * refresh is not an edit: the connection's version stays, so nobody's open form goes stale.
     */
    public void storeTokens(ConnectionId id, OAuth2Tokens tokens) {
        Connection connection =
                connections.lock(id).orElseThrow(() -> new IllegalStateException("There is no connection " + id + "."));
        Map<String, String> secrets = new TreeMap<>(stored(connection));
        secrets.keySet().removeIf(OAuth2Tokens::isTokenKey);
        secrets.putAll(tokens.secrets());
        connections.updateSecretCipher(id, seal(connection.tenantId(), id, secrets));
    }

    /** The owner a connection's secrets are sealed for. */
    static String owner(ConnectionId id) {
        return "connection/" + id;
    }
}
