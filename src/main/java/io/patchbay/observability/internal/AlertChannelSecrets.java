package io.patchbay.observability.internal;

import io.patchbay.security.SealedSecrets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The webhook alert channels' sealed signing secrets, for the vault's re-wrap. */
@Component
class AlertChannelSecrets implements SealedSecrets {

    private final AlertChannelRepository channels;

    AlertChannelSecrets(AlertChannelRepository channels) {
        this.channels = channels;
    }

    @Override
    public List<Sealed> all() {
        return channels.allSecrets();
    }

    @Override
    public boolean replace(Sealed sealed, byte[] replacement) {
        UUID channel = UUID.fromString(sealed.owner().substring(sealed.owner().indexOf(':') + 1));
        return channels.replaceSecret(channel, sealed.cipher(), replacement);
    }
}
