package io.patchbay.base;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme: a secret is {@code
 * whsec_} and base64 key bytes; a message is signed as the base64 HMAC-SHA256 of {@code id.timestamp.body}, sent as
 * {@code webhook-signature: v1,<signature>}. The one place the hub signs what it sends and checks what it receives.
 * Written here rather than taken from a library: the Java SDKs bring an HTTP client and more for a few lines of JCA.
 */
public final class StandardWebhooks {

    public static final String SECRET_PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {}

    /** A new secret of 24 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The key bytes of a secret.
     *
     * @throws IllegalArgumentException when it is not {@code whsec_} followed by base64
     */
    public static byte[] key(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A Standard Webhooks secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    /** The raw signature of a message. */
    public static byte[] signature(String secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The {@code webhook-signature} header for a message sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, String id, long timestamp, String body) {
        byte[] signature = signature(secret, id, String.valueOf(timestamp), body.getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signature);
    }
}
