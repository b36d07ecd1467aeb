package io.patchbay.catalog.internal.push;

import io.patchbay.base.Plurals;
import io.patchbay.base.StandardWebhooks;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.Received;
import io.patchbay.catalog.spi.SourceRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An inbound webhook source: the sender posts to the connection's own URL; each delivery is verified (signature,
 * timestamp within five minutes), identified by its message id so a retry or replay is not applied twice, and its
 * record(s) taken from a JSON pointer into the body.
 */
final class WebhookConnector implements Connector {

    static final String STREAM = "events";

    private final ConnectorSpec spec;
    private final ObjectMapper json;

    WebhookConnector(ObjectMapper json) {
        this.json = json;
        this.spec = new ConnectorSpec(
                "webhook",
                1,
                "Inbound webhooks",
                "Receives signed webhooks at a URL of the connection's own: Standard Webhooks signatures or an HMAC "
                        + "header, deliveries older than five minutes refused, each message applied once.",
                schema(json),
                List.of(new StreamSpec(STREAM, "id", null, recordSchema(json))),
                EnumSet.of(Capability.CHECK, Capability.READ, Capability.PUSH),
                List.of("standard_webhooks", "hmac"),
                null);
    }

    enum Scheme {
        STANDARD_WEBHOOKS,
        HMAC
    }

    enum Algorithm {
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512"),
        SHA1("HmacSHA1");

        final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    record Config(
            Scheme scheme,
            String secret,
            String signatureHeader,
            Algorithm algorithm,
            boolean hexEncoded,
            String signaturePrefix,
            @Nullable String timestampHeader,
            @Nullable String idHeader,
            String recordPointer,
            String idField)
            implements ConnectorConfig {

        @Override
        public String toString() {
            return "WebhookConfig[" + scheme + ", secret=••••]";
        }
    }

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public ConnectorConfig configure(ConnectorSettings settings) {
        Scheme scheme = "hmac".equals(settings.text("scheme")) ? Scheme.HMAC : Scheme.STANDARD_WEBHOOKS;
        String secret = settings.secret("signingSecret").orElse("");
        if (scheme == Scheme.STANDARD_WEBHOOKS) {
            try {
                byte[] key = StandardWebhooks.key(secret);
                if (key.length < 16) {
                    throw new IllegalArgumentException("short");
                }
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new ConnectorException(
                        ErrorClass.CONFIG,
                        "The signing secret is not a Standard Webhooks secret (whsec_ followed by at least 16 bytes in "
                                + "base64).",
                        "Copy the whole secret from the sender, or choose the HMAC header scheme.");
            }
        }
        String pointer = settings.text("recordPointer");
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The record location '" + pointer + "' is not a JSON pointer.",
                    "Use a pointer such as /data, or leave it empty to take the whole body.");
        }
        return new Config(
                scheme,
                secret,
                orDefault(settings.text("signatureHeader"), "X-Signature"),
                Algorithm.valueOf(
                        orDefault(settings.text("algorithm"), "sha256").toUpperCase(Locale.ROOT)),
                !"base64".equals(settings.text("encoding")),
                settings.text("signaturePrefix"),
                blankToNull(settings.text("timestampHeader")),
                blankToNull(settings.text("idHeader")),
                pointer,
                orDefault(settings.text("idField"), "id"));
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        Config webhook = (Config) config;
        return CheckResult.succeeded("Ready to receive webhooks signed with "
                + (webhook.scheme() == Scheme.STANDARD_WEBHOOKS
                        ? "Standard Webhooks signatures"
                        : "an HMAC-" + webhook.algorithm().name() + " " + webhook.signatureHeader() + " header")
                + ". Give the sender the webhook URL above and the signing secret.");
    }

    @Override
    public ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context) {
        return PushedRecords.read(checkpoint, context);
    }

    @Override
    public Received receive(ConnectorConfig config, PushedData data) {
        Config webhook = (Config) config;
        String messageId = WebhookSignatures.verify(webhook, data);
        JsonNode body;
        try {
            body = json.readTree(data.body());
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || body.isMissingNode()) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    "Message " + messageId + " is signed but its body is not JSON.",
                    "Have the sender post JSON bodies.");
        }
        JsonNode found = webhook.recordPointer().isEmpty() ? body : body.at(webhook.recordPointer());
        List<JsonNode> candidates = new ArrayList<>();
        if (found.isArray()) {
            found.forEach(candidates::add);
        } else if (!found.isMissingNode() && !found.isNull()) {
            candidates.add(found);
        }
        List<SourceRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            String where = "Record " + (i + 1) + " at " + pointerLabel(webhook);
            if (!(candidate instanceof ObjectNode record)) {
                problems.add(where + " is not a JSON object.");
                continue;
            }
            JsonNode id = record.get(webhook.idField());
            if (id == null || id.isNull() || id.isContainer() || id.asString().isBlank()) {
                problems.add(where + " has no '" + webhook.idField() + "'.");
                continue;
            }
            records.add(new SourceRecord(id.asString(), record));
        }
        String type = body.path("type").asString("");
        String senderId = webhook.idHeader() == null
                ? ""
                : data.header(webhook.idHeader())
                        .map(id -> ", sender's id " + abbreviate(id))
                        .orElse("");
        String summary = "Verified message " + messageId + senderId + (type.isEmpty() ? "" : " (" + type + ")") + ": "
                + Plurals.count(records.size(), "record", "records")
                + (problems.isEmpty() ? "." : ", " + problems.size() + " unusable.");
        return new Received(messageId, records, problems, summary);
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static String pointerLabel(WebhookConnector.Config config) {
        return config.recordPointer().isEmpty() ? "the body" : config.recordPointer();
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value.trim();
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }

    /** Any JSON object; its id field (by default {@code id}) is checked as each delivery arrives. */
    private static ObjectNode recordSchema(ObjectMapper json) {
        ObjectNode schema = json.createObjectNode().put("type", "object");
        schema.putObject("properties")
                .putObject("id")
                .putArray("type")
                .add("string")
                .add("integer");
        return schema;
    }

    private static ObjectNode schema(ObjectMapper json) {
        return (ObjectNode) json.readTree("""
                {
                  "type": "object",
                  "required": ["scheme", "signingSecret"],
                  "properties": {
                    "scheme": {
                      "title": "Signature scheme",
                      "description": "standard-webhooks: webhook-id, webhook-timestamp and webhook-signature headers. hmac: one header with an HMAC of the body",
                      "enum": ["standard-webhooks", "hmac"],
                      "default": "standard-webhooks"
                    },
                    "signingSecret": {
                      "type": "string",
                      "title": "Signing secret",
                      "description": "The secret the sender signs with; for Standard Webhooks it starts with whsec_",
                      "writeOnly": true,
                      "minLength": 16,
                      "x-message": "Enter the whole signing secret the sender shows you (for Standard Webhooks it starts with whsec_)"
                    },
                    "recordPointer": {
                      "type": "string",
                      "title": "Record location",
                      "description": "JSON pointer to the record (or array of records) in the body; empty for the whole body",
                      "default": "/data",
                      "pattern": "^(/.*)?$",
                      "x-message": "Enter a JSON pointer such as /data, or leave it empty"
                    },
                    "idField": {
                      "type": "string",
                      "title": "Record id field",
                      "description": "The field that identifies a record; a later message with the same id updates it",
                      "default": "id",
                      "minLength": 1,
                      "x-message": "Enter the field that identifies a record, such as id"
                    },
                    "signatureHeader": {
                      "x-visible-when": {"scheme": "hmac"},
                      "type": "string",
                      "title": "Signature header",
                      "description": "The header that carries the signature, e.g. X-Hub-Signature-256",
                      "default": "X-Signature",
                      "pattern": "^[A-Za-z0-9-]+$",
                      "x-message": "Enter a header name: letters, digits and dashes"
                    },
                    "algorithm": {
                      "x-visible-when": {"scheme": "hmac"},
                      "title": "HMAC algorithm",
                      "enum": ["sha256", "sha512", "sha1"],
                      "default": "sha256"
                    },
                    "encoding": {
                      "x-visible-when": {"scheme": "hmac"},
                      "title": "Signature encoding",
                      "enum": ["hex", "base64"],
                      "default": "hex"
                    },
                    "signaturePrefix": {
                      "x-visible-when": {"scheme": "hmac"},
                      "type": "string",
                      "title": "Signature prefix",
                      "description": "Text before the signature in the header, e.g. sha256= ; empty if none",
                      "maxLength": 20,
                      "x-message": "Keep the prefix under 20 characters"
                    },
                    "timestampHeader": {
                      "x-visible-when": {"scheme": "hmac"},
                      "type": "string",
                      "title": "Timestamp header (optional)",
                      "description": "When set, the signature covers timestamp.body and deliveries older than 5 minutes are refused",
                      "pattern": "^([A-Za-z0-9-]+)?$",
                      "x-message": "Enter a header name, or leave it empty"
                    },
                    "idHeader": {
                      "x-visible-when": {"scheme": "hmac"},
                      "type": "string",
                      "title": "Message id header (optional)",
                      "description": "The sender's name for each message, shown with the delivery. Repeats are recognised by what the signature covers (the body, and the timestamp when it is signed), never by this header, which the signature does not cover",
                      "pattern": "^([A-Za-z0-9-]+)?$",
                      "x-message": "Enter a header name, or leave it empty"
                    }
                  },
                  "if": {"properties": {"scheme": {"const": "standard-webhooks"}}},
                  "then": {"properties": {"signingSecret": {"pattern": "^whsec_[A-Za-z0-9+/=]{20,}$"}}}
                }
                """);
    }
}
