package io.patchbay.certification;

import io.patchbay.catalog.internal.push.PushConnectors;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.PushedData;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connectors that are sent their data pass the certification kit, as their entries in {@code
 * connectors/certification.json} say: inbound webhooks with Standard Webhooks deliveries signed here, CSV uploads
 * with generated files. Both send more than a page of records, so a restart in mid-stream is exercised.
 */
class PushCertificationIT {

    private static final String SECRET =
            "whsec_" + Base64.getEncoder().encodeToString("certify-webhooks-key-24b!".getBytes(StandardCharsets.UTF_8));
    private final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> webhooksAreCertified() {
        ObjectNode values = json.createObjectNode()
                .put("scheme", "standard-webhooks")
                .put("recordPointer", "/data")
                .put("idField", "id");
        Instant now = Instant.now();
        return CertificationKit.certifyAsRecorded(Certification.pushed(
                PushConnectors.webhook(json),
                new ConnectorSettings(values, Map.of("signingSecret", SECRET)),
                new ConnectorSettings(values, Map.of("signingSecret", "whsec_tooShort")),
                "events",
                List.of(
                        delivery("msg_1", events(1, 600), now),
                        delivery("msg_2", events(601, 1), now),
                        delivery("msg_3", events(602, 2), now)),
                new PushedData(
                        Map.of(
                                "webhook-id", "msg_forged",
                                "webhook-timestamp", String.valueOf(now.getEpochSecond()),
                                "webhook-signature", "v1,AAAA"),
                        events(1, 1).getBytes(StandardCharsets.UTF_8),
                        null,
                        now)));
    }

    @TestFactory
    Stream<DynamicTest> csvUploadsAreCertified() {
        return CertificationKit.certifyAsRecorded(Certification.pushed(
                PushConnectors.csvUpload(json),
                new ConnectorSettings(json.createObjectNode().put("keyColumn", "id"), Map.of()),
                null,
                "rows",
                List.of(csv("contacts.csv", 1, 700), csv("more.csv", 701, 3)),
                PushedData.upload(
                        "orders.csv", "order_no;total\nA1;3\n".getBytes(StandardCharsets.UTF_8), Instant.now())));
    }

    private String events(int firstId, int count) {
        ObjectNode event = json.createObjectNode().put("type", "contact.updated");
        ArrayNode data = event.putArray("data");
        for (int id = firstId; id < firstId + count; id++) {
            data.addObject().put("id", "c" + id).put("name", "Contact " + id);
        }
        return event.toString();
    }

    private static PushedData delivery(String id, String body, Instant now) {
        long timestamp = now.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
            String signature = "v1,"
                    + Base64.getEncoder()
                            .encodeToString(
                                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return new PushedData(
                    Map.of(
                            "webhook-id",
                            id,
                            "webhook-timestamp",
                            String.valueOf(timestamp),
                            "webhook-signature",
                            signature),
                    body.getBytes(StandardCharsets.UTF_8),
                    null,
                    now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PushedData csv(String name, int firstId, int count) {
        StringBuilder file = new StringBuilder("id;name;email\n");
        for (int id = firstId; id < firstId + count; id++) {
            file.append(id)
                    .append(";Contact ")
                    .append(id)
                    .append(";c")
                    .append(id)
                    .append("@example.com\n");
        }
        return PushedData.upload(name, file.toString().getBytes(StandardCharsets.UTF_8), Instant.now());
    }
}
