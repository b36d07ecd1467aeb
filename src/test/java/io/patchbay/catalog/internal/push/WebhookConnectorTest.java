package io.patchbay.catalog.internal.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

class WebhookConnectorTest {

    // the Standard Webhooks specification's own example
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MESSAGE = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SENT = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookConnector connector = new WebhookConnector(json);

    @Test
    void acceptsTheSpecificationsExampleAndNamesItsMessage() {
        Received received = connector.receive(standard(""), delivery(SIGNATURE, BODY, Instant.ofEpochSecond(SENT)));
        assertThat(received.messageId()).isEqualTo(MESSAGE);
        assertThat(received.records())
                .singleElement()
                .satisfies(record -> assertThat(record.externalId()).isEqualTo("2432232314"));
    }

    @Test
    void anyOfSeveralSignaturesMayMatch() {
        String signatures = "v1,bm90IHRoaXMgb25l " + SIGNATURE + " v2,whatever";
        assertThat(connector
                        .receive(standard(""), delivery(signatures, BODY, Instant.ofEpochSecond(SENT)))
                        .messageId())
                .isEqualTo(MESSAGE);
    }

    @Test
    void aChangedBodyOrAnotherSecretIsNotAuthentic() {
        var tampered = delivery(SIGNATURE, "{\"test\": 2432232315}", Instant.ofEpochSecond(SENT));
        assertThatThrownBy(() -> connector.receive(standard(""), tampered))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH);
                    assertThat(e.error().message()).contains("webhook-signature does not match");
                    assertThat(e.error().fix()).contains("signing secret");
                });
        var otherSecret =
                settings("standard-webhooks", "whsec_" + Base64.getEncoder().encodeToString(new byte[24]));
        assertThatThrownBy(() -> connector.receive(
                        connector.configure(otherSecret), delivery(SIGNATURE, BODY, Instant.ofEpochSecond(SENT))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH));
    }

    @Test
    void deliveriesMoreThanFiveMinutesFromNowAreStaleEitherWay() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(6), Duration.ofMinutes(-6)}) {
            var late = delivery(SIGNATURE, BODY, Instant.ofEpochSecond(SENT).plus(skew));
            assertThatThrownBy(() -> connector.receive(standard(""), late))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH);
                        assertThat(e.error().message()).contains("stale");
                    });
        }
        var withinTolerance =
                delivery(SIGNATURE, BODY, Instant.ofEpochSecond(SENT).plus(Duration.ofMinutes(4)));
        assertThat(connector.receive(standard(""), withinTolerance).messageId()).isEqualTo(MESSAGE);
    }

    @Test
    void aDeliveryWithoutSignatureHeadersIsRefusedNamingTheHeader() {
        var unsigned = new PushedData(Map.of("webhook-id", MESSAGE), bytes(BODY), null, Instant.ofEpochSecond(SENT));
        assertThatThrownBy(() -> connector.receive(standard(""), unsigned))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).contains("no webhook-timestamp header"));
    }

    @Test
    void recordsComeFromThePointerAndUnusableOnesAreReportedByPosition() {
        String body =
                "{\"type\":\"invoice.updated\",\"data\":[{\"id\":\"in_1\",\"status\":\"paid\"},{\"status\":\"open\"},3]}";
        Instant now = Instant.now();
        String id = "msg_1";
        String signature = standardSignature(id, now.getEpochSecond(), body);
        var delivery = new PushedData(
                Map.of(
                        "Webhook-Id",
                        id,
                        "Webhook-Timestamp",
                        String.valueOf(now.getEpochSecond()),
                        "Webhook-Signature",
                        signature),
                bytes(body),
                null,
                now);

        Received received = connector.receive(standard("/data"), delivery);

        assertThat(received.records())
                .singleElement()
                .satisfies(r -> assertThat(r.externalId()).isEqualTo("in_1"));
        assertThat(received.problems())
                .containsExactly("Record 2 at /data has no 'id'.", "Record 3 at /data is not a JSON object.");
        assertThat(received.summary()).contains("(invoice.updated)").contains("1 record, 2 unusable");
    }

    @Test
    void aSignedBodyThatIsNotJsonIsData() {
        Instant now = Instant.now();
        String signature = standardSignature("msg_2", now.getEpochSecond(), "not json");
        var delivery = new PushedData(
                Map.of(
                        "webhook-id",
                        "msg_2",
                        "webhook-timestamp",
                        String.valueOf(now.getEpochSecond()),
                        "webhook-signature",
                        signature),
                bytes("not json"),
                null,
                now);
        assertThatThrownBy(() -> connector.receive(standard(""), delivery))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.DATA));
    }

    @Test
    void hmacHeaderModeChecksAPrefixedHexSignatureAndDedupesByBody() {
        String secret = "It's a Secret to Everybody";
        ObjectNode values = json.createObjectNode()
                .put("scheme", "hmac")
                .put("signatureHeader", "X-Hub-Signature-256")
                .put("algorithm", "sha256")
                .put("encoding", "hex")
                .put("signaturePrefix", "sha256=")
                .put("recordPointer", "")
                .put("idField", "id");
        ConnectorConfig config = connector.configure(new ConnectorSettings(values, Map.of("signingSecret", secret)));
        String body = "{\"id\":\"42\",\"name\":\"x\"}";
        String hex = HexFormat.of()
                .formatHex(WebhookSignatures.hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), bytes(body)));
        var delivery = new PushedData(Map.of("X-Hub-Signature-256", "sha256=" + hex), bytes(body), null, Instant.now());

        Received first = connector.receive(config, delivery);
        Received again = connector.receive(config, delivery);

        assertThat(first.messageId()).startsWith("sha256:").isEqualTo(again.messageId());
        assertThat(first.records())
                .singleElement()
                .satisfies(r -> assertThat(r.externalId()).isEqualTo("42"));
        var wrongPrefix =
                new PushedData(Map.of("X-Hub-Signature-256", "sha1=" + hex), bytes(body), null, Instant.now());
        assertThatThrownBy(() -> connector.receive(config, wrongPrefix))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).contains("does not start with 'sha256='"));
    }

    @Test
    void hmacModeWithATimestampHeaderSignsTimestampAndBodyAndRefusesStaleOnes() {
        String secret = "a-long-enough-shared-secret";
        ObjectNode values = json.createObjectNode()
                .put("scheme", "hmac")
                .put("signatureHeader", "X-Signature")
                .put("algorithm", "sha512")
                .put("encoding", "base64")
                .put("timestampHeader", "X-Timestamp")
                .put("idHeader", "X-Request-Id")
                .put("recordPointer", "")
                .put("idField", "id");
        ConnectorConfig config = connector.configure(new ConnectorSettings(values, Map.of("signingSecret", secret)));
        String body = "{\"id\":\"7\"}";
        Instant now = Instant.now();
        long sent = now.getEpochSecond();
        String signature = Base64.getEncoder()
                .encodeToString(WebhookSignatures.hmac(
                        "HmacSHA512", secret.getBytes(StandardCharsets.UTF_8), bytes(sent + "." + body)));
        Map<String, String> headers =
                Map.of("X-Signature", signature, "X-Timestamp", String.valueOf(sent), "X-Request-Id", "req-9");

        var received = connector.receive(config, new PushedData(headers, bytes(body), null, now));
        assertThat(received.messageId()).startsWith("sha256:");
        assertThat(received.summary()).contains("sender's id req-9");
        assertThatThrownBy(() -> connector.receive(
                        config, new PushedData(headers, bytes(body), null, now.plus(Duration.ofMinutes(10)))))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).contains("stale"));
    }

    @Test
    void inHmacModeARepeatIsRecognisedByWhatIsSignedNeverByAnUnsignedIdHeader() {
        String secret = "a-long-enough-shared-secret";
        ObjectNode values = json.createObjectNode()
                .put("scheme", "hmac")
                .put("signatureHeader", "X-Signature")
                .put("algorithm", "sha256")
                .put("encoding", "hex")
                .put("idHeader", "X-Request-Id")
                .put("recordPointer", "")
                .put("idField", "id");
        ConnectorConfig config = connector.configure(new ConnectorSettings(values, Map.of("signingSecret", secret)));
        String body = "{\"id\":\"7\",\"amount\":100}";
        String signature = java.util.HexFormat.of()
                .formatHex(WebhookSignatures.hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), bytes(body)));
        Instant now = Instant.now();

        String captured = connector
                .receive(
                        config,
                        new PushedData(
                                Map.of("X-Signature", signature, "X-Request-Id", "req-1"), bytes(body), null, now))
                .messageId();
        String replayed = connector
                .receive(
                        config,
                        new PushedData(
                                Map.of("X-Signature", signature, "X-Request-Id", "req-2-forged"),
                                bytes(body),
                                null,
                                now))
                .messageId();

        assertThat(replayed)
                .as("a replay with another id header is the same message")
                .isEqualTo(captured);
    }

    @Test
    void aTimestampOutsideAnyCalendarIsNotAuthenticNotAnError() {
        String body = "{\"data\":{\"id\":\"1\"}}";
        var far = new PushedData(
                Map.of(
                        "webhook-id", "msg_far",
                        "webhook-timestamp", "99999999999999999",
                        "webhook-signature", "v1,AAAA"),
                bytes(body),
                null,
                Instant.now());
        assertThatThrownBy(() -> connector.receive(standard(""), far))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH));
    }

    @Test
    void aStandardWebhooksSecretMustLookLikeOne() {
        assertThatThrownBy(() -> connector.configure(settings("standard-webhooks", "whsec_short")))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().errorClass()).isEqualTo(ErrorClass.CONFIG));
    }

    @Test
    void theConfigurationNeverPrintsItsSecret() {
        assertThat(standard("").toString()).doesNotContain(SECRET.substring(6));
    }

    private ConnectorConfig standard(String pointer) {
        ObjectNode values = json.createObjectNode()
                .put("scheme", "standard-webhooks")
                .put("recordPointer", pointer)
                .put("idField", pointer.isEmpty() ? "test" : "id");
        return connector.configure(new ConnectorSettings(values, Map.of("signingSecret", SECRET)));
    }

    private ConnectorSettings settings(String scheme, String secret) {
        return new ConnectorSettings(
                json.createObjectNode().put("scheme", scheme).put("recordPointer", ""),
                Map.of("signingSecret", secret));
    }

    private static PushedData delivery(String signature, String body, Instant now) {
        return new PushedData(
                Map.of(
                        "webhook-id",
                        MESSAGE,
                        "webhook-timestamp",
                        String.valueOf(SENT),
                        "webhook-signature",
                        signature),
                bytes(body),
                null,
                now);
    }

    private static String standardSignature(String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                WebhookSignatures.hmac("HmacSHA256", key, bytes(id + "." + timestamp + "." + body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
