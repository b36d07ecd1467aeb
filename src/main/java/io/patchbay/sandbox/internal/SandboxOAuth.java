package io.patchbay.sandbox.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the sandbox systems that play OAuth2 providers share: client authentication, signatures, error answers. */
final class SandboxOAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxOAuth() {}

    /**
     * The account of the client a token request comes from: its credentials in HTTP Basic, else as {@code
     * client_id} and {@code client_secret} in the form (RFC 6749, 2.3.1). The client id names the account; the
     * secret is compared with that account's in constant time. Empty for an unknown client or a wrong secret.
     */
    static Optional<SandboxAccount> client(
            @Nullable String authorization,
            MultiValueMap<String, String> form,
            Function<String, Optional<SandboxAccount>> byClientId,
            Function<SandboxAccount, String> secretOf) {
        String givenId = form.getFirst("client_id");
        String givenSecret = form.getFirst("client_secret");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair;
            try {
                pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                        .split(":", 2);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            givenId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            givenSecret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        if (givenId == null || givenId.isBlank()) {
            return Optional.empty();
        }
        String secret = givenSecret;
        return byClientId.apply(givenId).filter(account -> matches(secret, secretOf.apply(account)));
    }

    /** HMAC-SHA256 of {@code value} under {@code key}, base64url: how the sandboxes make tokens they can check. */
    static String sign(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so that a wrong secret or signature takes as long as a right one. */
    static boolean matches(@Nullable String given, String expected) {
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636, 4.2). */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Codes and refresh tokens are kept as SHA-256 digests: a copy of the table grants nothing. */
    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url: the body of a code or refresh token. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A client id as it is written into the access tokens the sandboxes sign: base64url, so it holds no dots. */
    static String encodeClientId(String clientId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(clientId.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code encoded} is not base64url */
    static String decodeClientId(String encoded) {
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    /** An OAuth2 error answer (RFC 6749, 5.2). */
    static ResponseEntity<ObjectNode> error(ObjectMapper json, HttpStatus status, String code, String description) {
        return ResponseEntity.status(status)
                .body(json.createObjectNode().put("error", code).put("error_description", description));
    }
}
