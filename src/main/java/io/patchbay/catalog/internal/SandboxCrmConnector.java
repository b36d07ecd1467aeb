package io.patchbay.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.SettingSpec;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.security.egress.EgressClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The Sandbox CRM's contacts over its REST API: API-key auth, page-based pagination and an inclusive
 * {@code updated_since} filter.
 *
 * <p>The checkpoint is the {@code updated_at} of the newest record applied plus the ids applied at exactly that
 * instant. Each request asks for the first page at or after the cursor and skips those ids, so records sharing a
 * timestamp across a page boundary are neither lost nor applied twice, and records changed during a run are picked
 * up later in the same run instead of shifting pages under it.
 */
@Component
class SandboxCrmConnector implements Connector {

    static final String ID = "sandbox-crm";
    static final String CONTACTS = "contacts";
    static final int PAGE_SIZE = 100;
    private static final String SYSTEM = "Sandbox CRM";

    private static final ConnectorSpec SPEC = new ConnectorSpec(
            ID,
            1,
            SYSTEM,
            "Contacts from the bundled Sandbox CRM, read incrementally over its REST API.",
            List.of(
                    new SettingSpec(
                            "baseUrl",
                            "Base URL",
                            "The CRM API's address, e.g. https://crm.example.com/api",
                            false,
                            true),
                    new SettingSpec(
                            "apiKey", "API key", "Shown on the Sandbox systems page; sent as X-API-Key", true, true)),
            List.of(new StreamSpec(
                    CONTACTS,
                    "id",
                    "updated_at",
                    List.of("id", "first_name", "last_name", "email", "company", "phone", "updated_at"))));

    private final ObjectMapper json;
    private final HttpExchange http;

    SandboxCrmConnector(ObjectMapper json, EgressClient egress) {
        this.json = json;
        this.http = new HttpExchange(egress, json, SYSTEM);
    }

    /** The typed configuration; {@link #toString()} hides the key. */
    record Config(URI baseUrl, String apiKey) implements ConnectorConfig {
        @Override
        public String toString() {
            return "Config[baseUrl=" + baseUrl + ", apiKey=••••]";
        }
    }

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public ConnectorConfig configure(ObjectNode settings, @Nullable String secret) {
        String baseUrl = settings.path("baseUrl").asText("").trim();
        if (baseUrl.isEmpty()) {
            throw new ConnectorException(
                    ErrorClass.CONFIG, "The base URL is missing.", "Enter the CRM API's base URL.");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL is not a valid URL.",
                    "Enter a URL such as https://crm.example.com/api.");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must start with https:// and name a host.",
                    "Enter a URL such as https://crm.example.com/api.");
        }
        if (uri.getUserInfo() != null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not contain credentials.",
                    "Remove the user name and password from the URL; put the key in the API key field.");
        }
        if (secret == null || secret.isBlank()) {
            throw new ConnectorException(ErrorClass.AUTH, "The API key is missing.", "Paste the CRM's API key.");
        }
        return new Config(uri, secret.trim());
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        Config crm = (Config) config;
        try {
            JsonNode body = http.getOnce(contactsUri(crm, null, 1, 1), headers(crm), "check-" + UUID.randomUUID());
            if (!body.has("total")) {
                throw new ConnectorException(
                        ErrorClass.DATA,
                        SYSTEM + " answered without a contact count.",
                        "Check that the base URL points at the CRM API.");
            }
            long total = body.path("total").asLong();
            return CheckResult.succeeded("Connected to " + SYSTEM + ": " + total + " contacts visible.");
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    @Override
    public ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context) {
        if (!CONTACTS.equals(stream)) {
            throw new ConnectorException(
                    ErrorClass.CONFIG, "Unknown stream '" + stream + "'.", "Choose the contacts stream.");
        }
        Config crm = (Config) config;
        Instant cursor = checkpoint == null || !checkpoint.hasNonNull("updated_since")
                ? null
                : Instant.parse(checkpoint.get("updated_since").asText());
        Set<String> seenAtCursor = new LinkedHashSet<>();
        if (checkpoint != null) {
            checkpoint.path("ids_at_cursor").forEach(id -> seenAtCursor.add(id.asText()));
        }

        JsonNode body = http.getWithRetries(contactsUri(crm, cursor, 1, PAGE_SIZE), headers(crm), context);
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw new ConnectorException(
                    ErrorClass.DATA, SYSTEM + " answered without a list of contacts.", "Check the base URL.");
        }
        List<SourceRecord> records = new ArrayList<>();
        Instant newest = cursor;
        Set<String> idsAtNewest = new LinkedHashSet<>(seenAtCursor);
        for (JsonNode item : data) {
            if (!(item instanceof ObjectNode contact)
                    || !contact.hasNonNull("id")
                    || !contact.hasNonNull("updated_at")) {
                throw new ConnectorException(
                        ErrorClass.DATA,
                        SYSTEM + " sent a contact without id or updated_at.",
                        "Report this to the CRM's support.");
            }
            String id = contact.get("id").asText();
            Instant updatedAt = Instant.parse(contact.get("updated_at").asText());
            if (updatedAt.equals(cursor) && seenAtCursor.contains(id)) {
                continue;
            }
            records.add(new SourceRecord(id, contact));
            if (newest == null || updatedAt.isAfter(newest)) {
                newest = updatedAt;
                idsAtNewest.clear();
            }
            idsAtNewest.add(id);
        }
        boolean hasMore = body.path("has_more").asBoolean(false);
        if (records.isEmpty() && hasMore) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    "More than " + PAGE_SIZE + " contacts share the same updated_at, so they cannot be paged reliably.",
                    "Contact support: the stream needs a larger page size.");
        }
        return new ReadPage(records, checkpoint(newest, idsAtNewest), hasMore);
    }

    private JsonNode checkpoint(@Nullable Instant cursor, Set<String> ids) {
        ObjectNode node = json.createObjectNode();
        if (cursor != null) {
            node.put("updated_since", cursor.toString());
            ArrayNode array = node.putArray("ids_at_cursor");
            ids.forEach(array::add);
        }
        return node;
    }

    private static URI contactsUri(Config crm, @Nullable Instant updatedSince, int page, int pageSize) {
        StringBuilder query = new StringBuilder("v1/contacts?page=" + page + "&page_size=" + pageSize);
        if (updatedSince != null) {
            query.append("&updated_since=").append(URLEncoder.encode(updatedSince.toString(), StandardCharsets.UTF_8));
        }
        return crm.baseUrl().resolve(query.toString());
    }

    private static Map<String, String> headers(Config crm) {
        return Map.of("X-API-Key", crm.apiKey());
    }
}
