package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.internal.manifest.ConnectorManifest.Stream;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A manifest connector as a source: a stream's pages read at the connection's pace, through its pagination, from the
 * checkpoint on (the strategies are the connector's class comment's).
 */
final class ManifestReads {

    private final ConnectorManifest manifest;
    private final HttpExchange http;
    private final Pacing pacing;
    private final ManifestRequests requests;
    private final ObjectMapper json;

    ManifestReads(
            ConnectorManifest manifest,
            HttpExchange http,
            Pacing pacing,
            ManifestRequests requests,
            ObjectMapper json) {
        this.manifest = manifest;
        this.http = http;
        this.pacing = pacing;
        this.requests = requests;
        this.json = json;
    }

    ReadPage read(ManifestConnector.Config cfg, Stream stream, @Nullable JsonNode checkpoint, ReadContext context) {
        boolean restart = stream.incremental() != null
                && stream.incremental().sorted()
                && Paging.restartsAtCursor(stream.pagination());
        return restart
                ? readRestartingAtCursor(cfg, stream, checkpoint, context)
                : readFollowingPages(cfg, stream, checkpoint, context);
    }

    private ReadPage readRestartingAtCursor(
            ManifestConnector.Config cfg, Stream stream, @Nullable JsonNode checkpoint, ReadContext context) {
        String cursor = checkpoint == null || !checkpoint.hasNonNull("cursor")
                ? null
                : checkpoint.get("cursor").asString();
        Set<String> seen = new LinkedHashSet<>();
        if (checkpoint != null) {
            checkpoint.path("ids_at_cursor").forEach(id -> seen.add(id.asString()));
        }
        ConnectorManifest.Pagination pagination =
                stream.pagination().forSettings(cfg.settings().values());
        Map<String, String> params = ManifestRequests.params(stream.params());
        params.putAll(Paging.params(pagination, null));
        if (cursor != null) {
            params.put(stream.incremental().param(), cursor);
        }
        var fetched = get(cfg, requests.uri(cfg, stream.path(), params), context);
        ArrayNode items = items(stream, fetched);
        List<SourceRecord> records = new ArrayList<>();
        String newest = cursor;
        Set<String> idsAtNewest = new LinkedHashSet<>(seen);
        for (JsonNode item : items) {
            ObjectNode record = record(stream, item);
            String id = record.get(stream.primaryKey()).asString();
            String value = record.get(stream.cursorField()).asString();
            if (cursor != null) {
                int order = CursorOrder.compare(value, cursor);
                if (order == 0 && seen.contains(id)) {
                    continue;
                }
                if (order < 0) {
                    throw new ConnectorException(
                            ErrorClass.DATA,
                            manifest.name() + " returned a record older than the cursor it was asked for ("
                                    + stream.cursorField() + " " + value + ").",
                            "The connector expects records sorted by " + stream.cursorField()
                                    + "; report this to the connector's maintainer.");
                }
            }
            records.add(new SourceRecord(id, record));
            if (newest == null || CursorOrder.compare(value, newest) > 0) {
                newest = value;
                idsAtNewest.clear();
            }
            idsAtNewest.add(id);
        }
        boolean hasMore = Paging.hasMore(pagination, fetched, items.size());
        if (records.isEmpty() && hasMore) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    "More than a page of records share the same " + stream.cursorField()
                            + ", so they cannot be paged reliably.",
                    "Ask the connector's maintainer for a larger page size.");
        }
        ObjectNode next = json.createObjectNode();
        if (newest != null) {
            next.put("cursor", newest);
            ArrayNode ids = next.putArray("ids_at_cursor");
            idsAtNewest.forEach(ids::add);
        }
        return new ReadPage(records, next, hasMore);
    }

    private ReadPage readFollowingPages(
            ManifestConnector.Config cfg, Stream stream, @Nullable JsonNode checkpoint, ReadContext context) {
        String start = checkpoint == null || !checkpoint.hasNonNull("cursor")
                ? null
                : checkpoint.get("cursor").asString();
        JsonNode state = checkpoint == null ? null : checkpoint.get("next");
        String maxSeen = checkpoint == null || !checkpoint.hasNonNull("max_seen")
                ? start
                : checkpoint.get("max_seen").asString();

        ConnectorManifest.Pagination pagination =
                stream.pagination().forSettings(cfg.settings().values());
        URI uri;
        String nextUrl = Paging.url(state);
        if (nextUrl != null) {
            uri = sameOrigin(cfg, nextUrl);
        } else {
            Map<String, String> params = ManifestRequests.params(stream.params());
            params.putAll(Paging.params(pagination, state));
            if (stream.incremental() != null && start != null) {
                params.put(stream.incremental().param(), start);
            }
            uri = requests.uri(cfg, stream.path(), params);
        }
        var fetched = get(cfg, uri, context);
        ArrayNode items = items(stream, fetched);
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode item : items) {
            ObjectNode record = record(stream, item);
            records.add(new SourceRecord(record.get(stream.primaryKey()).asString(), record));
            if (stream.incremental() != null) {
                String value = record.get(stream.cursorField()).asString();
                if (maxSeen == null || CursorOrder.compare(value, maxSeen) > 0) {
                    maxSeen = value;
                }
            }
        }
        ObjectNode nextState = Paging.next(pagination, fetched, items.size(), state);
        ObjectNode next = json.createObjectNode();
        if (nextState == null) {
            if (stream.incremental() != null && maxSeen != null) {
                next.put("cursor", maxSeen);
            }
            return new ReadPage(records, next, false);
        }
        if (start != null) {
            next.put("cursor", start);
        }
        next.set("next", nextState);
        if (maxSeen != null) {
            next.put("max_seen", maxSeen);
        }
        return new ReadPage(records, next, true);
    }

    /**
     * One GET with the connection's credentials. A rejected OAuth2 token is dropped (or, from a consent, refreshed)
     * and the request made once more with a fresh one: tokens can be revoked before they expire.
     */
    HttpExchange.Fetched get(ManifestConnector.Config cfg, URI uri, @Nullable ReadContext context) {
        Pacing.Turns turns = pacing.turns(cfg.baseUrl(), cfg.settings());
        return requests.renewingCredentials(
                cfg,
                () -> context == null
                        ? http.getOnce(uri, requests.headers(cfg), turns, "check-" + UUID.randomUUID())
                        : http.getWithRetries(uri, requests.headers(cfg), turns, context));
    }

    private ArrayNode items(Stream stream, HttpExchange.Fetched fetched) {
        JsonNode items =
                stream.records().isEmpty() ? fetched.body() : fetched.body().at(stream.records());
        if (!(items instanceof ArrayNode array)) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    manifest.name() + " answered without a list of " + stream.name() + " at " + stream.records() + ".",
                    "Check that the base URL points at the API; if it does, the API has changed and the connector needs an update.");
        }
        return array;
    }

    private ObjectNode record(Stream stream, JsonNode item) {
        if (!(item instanceof ObjectNode record) || !record.hasNonNull(stream.primaryKey())) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    manifest.name() + " sent a " + stream.name() + " record without its " + stream.primaryKey() + ".",
                    "Report this to " + manifest.name() + "'s support.");
        }
        if (stream.cursorField() != null && stream.incremental() != null && !record.hasNonNull(stream.cursorField())) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    manifest.name() + " sent " + stream.name() + " record "
                            + record.get(stream.primaryKey()).asString() + " without " + stream.cursorField() + ".",
                    "Report this to " + manifest.name() + "'s support.");
        }
        return record;
    }

    private URI sameOrigin(ManifestConnector.Config cfg, String url) {
        URI next = cfg.baseUrl().resolve(url);
        boolean same = cfg.baseUrl().getScheme().equals(next.getScheme())
                && cfg.baseUrl().getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
                && cfg.baseUrl().getPort() == next.getPort();
        if (!same) {
            // the credentials go with every request: never to a host the settings did not name
            throw new ConnectorException(
                    ErrorClass.DATA,
                    manifest.name() + " pointed the next page at another host (" + next.getHost() + ").",
                    "Report this to " + manifest.name() + "'s support.");
        }
        return next;
    }
}
