package io.patchbay.catalog.spi;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One attempt at a person's consent, as the runtime starts it: the {@code state} that the provider sends back and the
 * runtime checks against the person's session, the PKCE code verifier (RFC 7636; the connector sends its S256
 * challenge with the consent URL and the verifier with the code), and where the provider sends the person back.
 * Lives in the person's session until the provider answers; {@link #toString()} hides the verifier.
 */
public record ConsentRequest(String state, String codeVerifier, URI redirectUri) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh attempt: 256 random bits each for the state and the verifier. */
    public static ConsentRequest start(URI redirectUri) {
        return new ConsentRequest(random(), random(), redirectUri);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ConsentRequest[redirectUri=" + redirectUri + "]";
    }
}
