package io.patchbay.catalog.internal.push;

import io.patchbay.base.StandardWebhooks;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a webhook delivery is authentic and fresh, and says which message it is. Two schemes: <a
 * href="https://www.standardwebhooks.com/">Standard Webhooks</a> ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}) and a generic HMAC header as many senders
 * use (optionally with a timestamp header, then signing {@code timestamp.body}).
 */
final class WebhookSignatures {

    /** How far a delivery's timestamp may be from our clock, either way. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignatures() {}

    /** Verifies the delivery; returns its message id. */
    static String verify(WebhookConnector.Config config, PushedData data) {
        return switch (config.scheme()) {
            case STANDARD_WEBHOOKS -> verifyStandard(config.secret(), data);
            case HMAC -> verifyHmac(config, data);
        };
    }

    private static String verifyStandard(String secret, PushedData data) {
        String id = required(data, "webhook-id");
        String timestamp = required(data, "webhook-timestamp");
        String signatures = required(data, "webhook-signature");
        checkFresh(timestamp, data.receivedAt());
        byte[] expected = StandardWebhooks.signature(secret, id, timestamp, data.body());
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma > 0 && candidate.substring(0, comma).equals("v1")) {
                byte[] given = decodeOrNull(candidate.substring(comma + 1), false);
                if (given != null && MessageDigest.isEqual(expected, given)) {
                    return id;
                }
            }
        }
        throw notAuthentic("Its webhook-signature does not match the body and the signing secret.");
    }

    private static String verifyHmac(WebhookConnector.Config config, PushedData data) {
        String header = required(data, config.signatureHeader());
        String timestamp = null;
        if (config.timestampHeader() != null) {
            timestamp = required(data, config.timestampHeader());
            checkFresh(timestamp, data.receivedAt());
        }
        String given = header.trim();
        if (!config.signaturePrefix().isEmpty()) {
            if (!given.startsWith(config.signaturePrefix())) {
                throw notAuthentic("Its " + config.signatureHeader() + " header does not start with '"
                        + config.signaturePrefix() + "'.");
            }
            given = given.substring(config.signaturePrefix().length());
        }
        byte[] signed = timestamp == null ? data.body() : concat(timestamp + ".", data.body());
        byte[] expected = hmac(config.algorithm().jcaName, config.secret().getBytes(StandardCharsets.UTF_8), signed);
        byte[] decoded = decodeOrNull(given, config.hexEncoded());
        if (decoded == null || !MessageDigest.isEqual(expected, decoded)) {
            throw notAuthentic("Its " + config.signatureHeader() + " header does not match the body and the secret.");
        }
        // the signed content is the message: an id header is not covered by the signature, so a replay could dress up
        // as a new message by changing it
        return "sha256:" + HexFormat.of().formatHex(sha256(signed));
    }

    private static void checkFresh(String timestamp, Instant now) {
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw notAuthentic("Its timestamp '" + abbreviate(timestamp) + "' is not in seconds since 1970.");
        }
        if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    "The delivery is stale: it was signed at " + sent + ", more than 5 minutes from now (" + now + ").",
                    "Check the sender's clock. A replayed old delivery is refused on purpose.");
        }
    }

    private static String required(PushedData data, String header) {
        return data.header(header)
                .orElseThrow(() -> notAuthentic("It has no " + header.toLowerCase(Locale.ROOT) + " header."));
    }

    private static ConnectorException notAuthentic(String why) {
        return new ConnectorException(
                ErrorClass.AUTH,
                "The delivery is not signed with this connection's secret. " + why,
                "Copy the signing secret from the sender into the connection's details, and check the signature "
                        + "scheme (Standard Webhooks or an HMAC header).");
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte @Nullable [] decodeOrNull(String text, boolean hex) {
        try {
            return hex
                    ? HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
