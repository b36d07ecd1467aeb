package io.patchbay.sandbox.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;

/** What the sandbox systems that play OAuth2 providers share: client authentication, signatures, error answers. */
final class SandboxOAuth {

    private SandboxOAuth() {}

    /**
     * Whether the token request comes from this client: its credentials in HTTP Basic, else as {@code client_id}
     * and {@code client_secret} in the form (RFC 6749, 2.3.1). Compared in constant time.
     */
    static boolean isClient(
            @Nullable String authorization, MultiValueMap<String, String> form, String clientId, String clientSecret) {
        String givenId = form.getFirst("client_id");
        String givenSecret = form.getFirst("client_secret");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            givenId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            givenSecret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        return matches(givenId, clientId) && matches(givenSecret, clientSecret);
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

    /** An OAuth2 error answer (RFC 6749, 5.2). */
    static ResponseEntity<ObjectNode> error(ObjectMapper json, HttpStatus status, String code, String description) {
        return ResponseEntity.status(status)
                .body(json.createObjectNode().put("error", code).put("error_description", description));
    }
}
