package io.patchbay.connection.internal;

import io.patchbay.connection.ConnectionId;
import io.patchbay.security.SealedSecrets;
import java.util.List;
import org.springframework.stereotype.Component;

/** The connections' sealed settings (API keys, passwords, tokens), for the vault's re-wrap. */
@Component
class ConnectionSealedSecrets implements SealedSecrets {

    private final ConnectionRepository connections;

    ConnectionSealedSecrets(ConnectionRepository connections) {
        this.connections = connections;
    }

    @Override
    public List<Sealed> all() {
        return connections.allStoredSecrets().stream()
                .map(secret ->
                        new Sealed(secret.tenantId(), ConnectionSecrets.owner(secret.connectionId()), secret.cipher()))
                .toList();
    }

    @Override
    public boolean replace(Sealed sealed, byte[] replacement) {
        return connections.replaceCipher(idOf(sealed), sealed.cipher(), replacement);
    }

    private static ConnectionId idOf(Sealed sealed) {
        return ConnectionId.parse(sealed.owner().substring(sealed.owner().indexOf('/') + 1))
                .orElseThrow();
    }
}
