package io.patchbay.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An authorization code of the sandbox calendar: what the person allowed (for which client, back to which address,
 * with which PKCE challenge and scope, until when), signed with the secret of the client it is for. The sign-in page
 * issues it without writing anything: whoever reaches that page may allow any client, as on a provider's own, so
 * nothing may land in the client's account until the client itself redeems the code with its secret and the PKCE
 * verifier. Only then is the consent recorded, in that account, and the code spent.
 */
record SandboxAuthorizationCode(
        String clientId, String redirectUri, String codeChallenge, String scope, Instant expiresAt) {

    private static final String PREFIX = "scc_";

    /** The code to send back to the client; each one is different, even for the same answer. */
    String issue(String clientSecret) {
        String claims = String.join(
                "\n",
                clientId,
                redirectUri,
                codeChallenge,
                scope,
                String.valueOf(expiresAt.getEpochSecond()),
                SandboxOAuth.random());
        String encoded =
                Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return PREFIX + encoded + "." + SandboxOAuth.sign(clientSecret, encoded);
    }

    /** The code as it was issued to this client; empty for a malformed code or one issued to another client. */
    static Optional<SandboxAuthorizationCode> read(@Nullable String code, String clientId, String clientSecret) {
        if (code == null || !code.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = code.substring(PREFIX.length()).split("\\.", 2);
        if (parts.length != 2 || !SandboxOAuth.matches(SandboxOAuth.sign(clientSecret, parts[0]), parts[1])) {
            return Optional.empty();
        }
        try {
            String[] claims =
                    new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).split("\n", -1);
            if (claims.length != 6 || !claims[0].equals(clientId)) {
                return Optional.empty();
            }
            return Optional.of(new SandboxAuthorizationCode(
                    claims[0], claims[1], claims[2], claims[3], Instant.ofEpochSecond(Long.parseLong(claims[4]))));
        } catch (IllegalArgumentException e) { // not base64url, or not a number
            return Optional.empty();
        }
    }
}
