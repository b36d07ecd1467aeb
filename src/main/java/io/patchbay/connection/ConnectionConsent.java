package io.patchbay.connection;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who connected a connection to its system by consenting there, and when: "Connected as … · since …". The tokens the
 * consent gave are sealed with the connection's secrets and never leave this module.
 *
 * @param account who consented as the provider names them; null when it does not say
 * @param consentedBy the Patchbay user who went through the consent
 */
public record ConnectionConsent(@Nullable String account, String consentedBy, Instant consentedAt) {}
