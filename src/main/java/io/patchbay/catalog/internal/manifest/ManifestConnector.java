package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.internal.manifest.ConnectorManifest.RateLimit;
import io.patchbay.catalog.internal.manifest.ConnectorManifest.Stream;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConnectorSpec.Pace;
import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import io.patchbay.catalog.spi.ConsentGrant;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.Migration;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.catalog.spi.WriteResult;
import io.patchbay.security.egress.EgressClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A REST connector that is nothing but its manifest: the runtime reads the manifest's streams with its pagination,
 * authentication and error words, through the egress guard, at the pace its rate limit allows.
 *
 * <p>Incremental streams keep a checkpoint of {@code cursor}: the newest cursor value applied. Where the API sorts by
 * the cursor and pages by number or offset, every page restarts at the cursor and skips the ids already applied at
 * exactly that value ({@code ids_at_cursor}), so records changed mid-run cannot shift pages under the reader. Other
 * strategies follow the API's pages from a fixed starting cursor and keep the page state in the checkpoint until the
 * pass ends.
 *
 * @see <a href="../../../../../../../../docs/adr/0003-incremental-cursor.md">ADR 3</a>
 */
final class ManifestConnector implements Connector {

    private static final String AUTHORIZATION_CODE = "oauth2_authorization_code";

    private final ConnectorManifest manifest;
    private final ConnectorSpec spec;
    private final HttpExchange http;
    private final ObjectMapper json;
    private final ClientCredentialsTokens tokens;
    private final AuthorizationCodeTokens consents;
    private final Pacing pacing;

    /** @param clock the time the connection's pace is kept in ({@link Pacing.Clock#SYSTEM} but in tests) */
    ManifestConnector(
            ConnectorManifest manifest,
            EgressClient egress,
            ClientCredentialsTokens tokens,
            AuthorizationCodeTokens consents,
            ObjectMapper json,
            Pacing.Clock clock) {
        this.manifest = manifest;
        this.json = json;
        this.tokens = tokens;
        this.consents = consents;
        RateLimit rateLimit = manifest.http().rateLimit();
        this.pacing = new Pacing(rateLimit, clock);
        this.http = new HttpExchange(egress, json, manifest.name(), this::statusError);
        this.spec = new ConnectorSpec(
                manifest.id(),
                manifest.version(),
                manifest.name(),
                manifest.description(),
                manifest.config(),
                manifest.streams().stream()
                        .map(s -> new StreamSpec(s.name(), s.primaryKey(), s.cursorField(), s.schema(), writeSchema(s)))
                        .toList(),
                capabilities(manifest),
                List.of(manifest.http().auth().type()),
                rateLimit == null ? null : new Pace(rateLimit.requests(), rateLimit.period()));
    }

    /**
     * The typed configuration: the validated settings, the base URL they render to and, for connectors that sign in
     * with consent, the connection's tokens as this configuration refreshes them.
     */
    record Config(ConnectorSettings settings, URI baseUrl, AuthorizationCodeTokens.@Nullable Held consent)
            implements ConnectorConfig {
        @Override
        public String toString() {
            return "Config[baseUrl=" + baseUrl + ", secrets="
                    + settings.secrets().keySet() + "]";
        }
    }

    @Override
    public ConnectorSpec spec() {
        return spec;
    }

    @Override
    public ConnectorConfig configure(ConnectorSettings settings) {
        String rendered = Templates.render(manifest.http().baseUrl(), settings.merged(), json.nullNode())
                .trim();
        URI uri;
        try {
            uri = URI.create(rendered.endsWith("/") ? rendered.substring(0, rendered.length() - 1) : rendered);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL is not a valid URL.",
                    "Enter a URL such as https://api.example.com.");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must start with https:// and name a host.",
                    "Enter a URL such as https://api.example.com.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not contain credentials.",
                    "Remove the user name and password from the URL and enter them in their own fields.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not carry a query (?…) or a fragment (#…).",
                    "Enter the address up to its path, such as https://api.example.com/v1.");
        }
        if (climbsOut(uri.getRawPath())) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not climb out of its path (..).",
                    "Enter the API's own path, such as https://api.example.com/v1.");
        }
        return new Config(settings, uri, signsInWithConsent() ? new AuthorizationCodeTokens.Held(settings) : null);
    }

    @Override
    public Optional<Migration> migration() {
        return Optional.ofNullable(manifest.migration()).map(m -> new Migration(m.from(), m.notes()));
    }

    /**
     * This version's settings from the previous version's: the migration's rendered settings, then every setting
     * of this version that the old one has under the same name. Templates see only the old plain settings.
     */
    @Override
    public ConnectorSettings migrate(ConnectorSettings previous) {
        ConnectorManifest.MigrationRule rule = manifest.migration();
        if (rule == null) {
            throw new UnsupportedOperationException(spec.reference() + " has no migration");
        }
        ObjectNode values = json.createObjectNode();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ConnectorSpec.SettingSpec setting : spec.settings()) {
            String key = setting.key();
            String template = rule.settings() == null ? null : rule.settings().get(key);
            if (template != null) {
                values.put(key, Templates.render(template, previous.values(), json.nullNode()));
            } else if (setting.secret()) {
                previous.secret(key).ifPresent(secret -> secrets.put(key, secret));
            } else if (previous.values().has(key)) {
                values.set(key, previous.values().get(key));
            }
        }
        return new ConnectorSettings(values, secrets);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        Config cfg = (Config) config;
        try {
            var check = manifest.check();
            var fetched = get(cfg, uri(cfg, check.path(), params(check.params())), null);
            // the summary is shown to people: it renders from non-secret settings only
            return CheckResult.succeeded(
                    Templates.render(check.summary(), cfg.settings().values(), fetched.body()));
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    @Override
    public URI consentUrl(ConnectorConfig config, ConsentRequest request) {
        return consents.consentUrl(client((Config) config), request);
    }

    @Override
    public ConsentGrant redeem(ConnectorConfig config, ConsentRequest request, String code) {
        return consents.redeem(
                client((Config) config), request, code, manifest.http().auth().account());
    }

    @Override
    public ReadPage read(
            ConnectorConfig config, String streamName, @Nullable JsonNode checkpoint, ReadContext context) {
        Config cfg = (Config) config;
        Stream stream = stream(streamName);
        boolean restart = stream.incremental() != null
                && stream.incremental().sorted()
                && Paging.restartsAtCursor(stream.pagination());
        return restart
                ? readRestartingAtCursor(cfg, stream, checkpoint, context)
                : readFollowingPages(cfg, stream, checkpoint, context);
    }

    /**
     * Upserts each record with the stream's {@code write} request, in order. A record the system reports unchanged
     * (the manifest's {@code unchanged} rule) counts as not written, so the same batch twice reports 0 the second
     * time. A record the system refuses (HTTP 400, 409, 422), or one without the key it is found by, is reported
     * with the system's words and the batch goes on; anything else (credentials, the system away) fails the batch.
     */
    @Override
    public WriteResult write(ConnectorConfig config, String streamName, List<ObjectNode> records) {
        Config cfg = (Config) config;
        Stream stream = stream(streamName);
        ConnectorManifest.Write write = stream.write();
        if (write == null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    manifest.name() + " can only be read from its stream '" + streamName + "'.",
                    "Choose a stream the connector can write to.");
        }
        Pacing.Turns turns = pacing.turns(cfg.baseUrl(), cfg.settings());
        ReadContext context = writing();
        int written = 0;
        List<WriteResult.Refusal> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode record = records.get(i);
            JsonNode key = record.get(write.key());
            if (key == null || key.isNull() || key.asString().isBlank()) {
                refused.add(new WriteResult.Refusal(
                        i, "It has no '" + write.key() + "', which " + manifest.name() + " finds records by."));
                continue;
            }
            URI uri = URI.create(cfg.baseUrl()
                    + Templates.renderPath(write.path(), cfg.settings().values(), record));
            HttpExchange.Fetched answer;
            try {
                answer = renewingCredentials(
                        cfg,
                        () -> http.writeWithRetries(
                                write.method(), uri, headers(cfg), record.toString(), turns, context));
            } catch (HttpExchange.RecordRefusedException refusal) {
                refused.add(new WriteResult.Refusal(i, refusal.error().message()));
                continue;
            }
            boolean unchanged = write.unchanged() != null
                    && write.unchanged()
                            .equals()
                            .equals(answer.body().at(write.unchanged().path()).asString(null));
            if (!unchanged) {
                written++;
            }
        }
        return new WriteResult(written, refused);
    }

    private Stream stream(String name) {
        return manifest.streams().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConnectorException(
                        ErrorClass.CONFIG,
                        "This connector has no stream '" + name + "'.",
                        "Choose one of its streams."));
    }

    /** Writes run outside a read: they are not cancelled, and waits they are asked for are not a run's to show. */
    private static ReadContext writing() {
        String correlationId = "write-" + UUID.randomUUID();
        return new ReadContext() {
            @Override
            public String correlationId() {
                return correlationId;
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void throttled(java.time.Duration waited) {}
        };
    }

    /**
     * What a stream accepts: the manifest's {@code write.schema}, or else the stream's read schema asking for no more
     * than the key the system upserts by (what it gives back is not what it needs).
     */
    private static @Nullable ObjectNode writeSchema(Stream stream) {
        ConnectorManifest.Write write = stream.write();
        if (write == null) {
            return null;
        }
        if (write.schema() != null) {
            return write.schema();
        }
        ObjectNode schema = stream.schema().deepCopy();
        schema.putArray("required").add(write.key());
        return schema;
    }

    private static java.util.Set<Capability> capabilities(ConnectorManifest manifest) {
        var capabilities = EnumSet.of(Capability.CHECK, Capability.DISCOVER, Capability.READ);
        if (manifest.streams().stream().anyMatch(s -> s.write() != null)) {
            capabilities.add(Capability.WRITE);
        }
        if ("oauth2_authorization_code".equals(manifest.http().auth().type())) {
            capabilities.add(Capability.CONSENT);
        }
        return capabilities;
    }

    private ReadPage readRestartingAtCursor(
            Config cfg, Stream stream, @Nullable JsonNode checkpoint, ReadContext context) {
        String cursor = checkpoint == null || !checkpoint.hasNonNull("cursor")
                ? null
                : checkpoint.get("cursor").asString();
        Set<String> seen = new LinkedHashSet<>();
        if (checkpoint != null) {
            checkpoint.path("ids_at_cursor").forEach(id -> seen.add(id.asString()));
        }
        ConnectorManifest.Pagination pagination =
                stream.pagination().forSettings(cfg.settings().values());
        Map<String, String> params = params(stream.params());
        params.putAll(Paging.params(pagination, null));
        if (cursor != null) {
            params.put(stream.incremental().param(), cursor);
        }
        var fetched = get(cfg, uri(cfg, stream.path(), params), context);
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

    private ReadPage readFollowingPages(Config cfg, Stream stream, @Nullable JsonNode checkpoint, ReadContext context) {
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
            Map<String, String> params = params(stream.params());
            params.putAll(Paging.params(pagination, state));
            if (stream.incremental() != null && start != null) {
                params.put(stream.incremental().param(), start);
            }
            uri = uri(cfg, stream.path(), params);
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
    private HttpExchange.Fetched get(Config cfg, URI uri, @Nullable ReadContext context) {
        Pacing.Turns turns = pacing.turns(cfg.baseUrl(), cfg.settings());
        return renewingCredentials(
                cfg,
                () -> context == null
                        ? http.getOnce(uri, headers(cfg), turns, "check-" + UUID.randomUUID())
                        : http.getWithRetries(uri, headers(cfg), turns, context));
    }

    /**
     * Makes a request; when the system rejects the credentials and they are tokens Patchbay obtains, renews them
     * and makes it once more.
     */
    private HttpExchange.Fetched renewingCredentials(Config cfg, Supplier<HttpExchange.Fetched> request) {
        try {
            return request.get();
        } catch (ConnectorException e) {
            var auth = manifest.http().auth();
            if (e.error().errorClass() != ErrorClass.AUTH) {
                throw e;
            }
            switch (auth.type()) {
                case "oauth2_client_credentials" ->
                    tokens.evict(
                            render(auth.tokenUrl(), cfg),
                            render(auth.clientId(), cfg),
                            render(auth.clientSecret(), cfg),
                            render(auth.scope(), cfg));
                case AUTHORIZATION_CODE -> consents.renew(client(cfg), held(cfg));
                default -> throw e;
            }
            return request.get();
        }
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

    private URI sameOrigin(Config cfg, String url) {
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

    private URI uri(Config cfg, String path, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>(params);
        var auth = manifest.http().auth();
        if ("api_key".equals(auth.type()) && "query".equals(auth.in())) {
            query.put(auth.name(), render(auth.value(), cfg));
        }
        String encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(cfg.baseUrl() + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    private Map<String, String> headers(Config cfg) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (manifest.http().headers() != null) {
            manifest.http().headers().forEach((name, value) -> headers.put(name, render(value, cfg)));
        }
        var auth = manifest.http().auth();
        switch (auth.type()) {
            case "api_key" -> {
                if ("header".equals(auth.in())) {
                    headers.put(auth.name(), render(auth.value(), cfg));
                }
            }
            case "basic" ->
                headers.put(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (render(auth.username(), cfg) + ":" + render(auth.password(), cfg))
                                                        .getBytes(StandardCharsets.UTF_8)));
            case "bearer" -> headers.put("Authorization", "Bearer " + render(auth.token(), cfg));
            case "oauth2_client_credentials" ->
                headers.put(
                        "Authorization",
                        "Bearer "
                                + tokens.token(
                                        render(auth.tokenUrl(), cfg),
                                        render(auth.clientId(), cfg),
                                        render(auth.clientSecret(), cfg),
                                        render(auth.scope(), cfg),
                                        manifest.name()));
            case AUTHORIZATION_CODE ->
                headers.put("Authorization", "Bearer " + consents.accessToken(client(cfg), held(cfg)));
            default -> {
                // none
            }
        }
        return headers;
    }

    private boolean signsInWithConsent() {
        return AUTHORIZATION_CODE.equals(manifest.http().auth().type());
    }

    private static AuthorizationCodeTokens.Held held(Config cfg) {
        if (cfg.consent() == null) {
            throw new IllegalStateException("A configuration of a consent connector holds its tokens");
        }
        return cfg.consent();
    }

    /** Patchbay's client at the provider, as this connection's settings render the manifest's auth. */
    private AuthorizationCodeTokens.Client client(Config cfg) {
        var auth = manifest.http().auth();
        return new AuthorizationCodeTokens.Client(
                manifest.name(),
                render(auth.authorizeUrl(), cfg),
                render(auth.tokenUrl(), cfg),
                render(auth.clientId(), cfg),
                render(auth.clientSecret(), cfg),
                auth.scopes() == null ? List.of() : auth.scopes());
    }

    private String render(@Nullable String template, Config cfg) {
        return template == null ? "" : Templates.render(template, cfg.settings().merged(), json.nullNode());
    }

    private static Map<String, String> params(@Nullable Map<String, Object> params) {
        Map<String, String> result = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((key, value) -> result.put(key, String.valueOf(value)));
        }
        return result;
    }

    private Optional<ConnectorError> statusError(int status) {
        return Optional.ofNullable(manifest.errors())
                .flatMap(rules -> rules.stream()
                        .filter(rule -> rule.status().contains(status))
                        .findFirst()
                        .map(rule -> new ConnectorError(rule.errorClass(), rule.message(), rule.fix())));
    }

    /** A dot segment, however spelled ({@code ..}, {@code %2e%2e}, {@code ..;x}), that a server would resolve. */
    private static boolean climbsOut(@Nullable String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            String name = segment.replaceAll("(?i)%2e", ".").replaceAll(";.*", "");
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
