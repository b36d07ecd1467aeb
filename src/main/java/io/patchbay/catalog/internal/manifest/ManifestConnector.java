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
import io.patchbay.catalog.spi.WriteResult;
import io.patchbay.security.egress.EgressClient;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
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

    private final ConnectorManifest manifest;
    private final ConnectorSpec spec;
    private final ObjectMapper json;
    private final AuthorizationCodeTokens consents;
    private final ManifestRequests requests;
    private final ManifestWrites writes;
    private final ManifestReads reads;

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
        this.consents = consents;
        RateLimit rateLimit = manifest.http().rateLimit();
        var pacing = new Pacing(rateLimit, clock);
        var http = new HttpExchange(egress, json, manifest.name(), this::statusError);
        this.requests = new ManifestRequests(manifest, tokens, consents, json);
        this.writes = new ManifestWrites(manifest, http, pacing, requests);
        this.reads = new ManifestReads(manifest, http, pacing, requests, json);
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
        return new Config(
                settings,
                requests.baseUrl(settings),
                requests.signsInWithConsent() ? new AuthorizationCodeTokens.Held(settings) : null);
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
            var fetched =
                    reads.get(cfg, requests.uri(cfg, check.path(), ManifestRequests.params(check.params())), null);
            // the summary is shown to people: it renders from non-secret settings only
            return CheckResult.succeeded(
                    Templates.render(check.summary(), cfg.settings().values(), fetched.body()));
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    @Override
    public URI consentUrl(ConnectorConfig config, ConsentRequest request) {
        return consents.consentUrl(requests.client((Config) config), request);
    }

    @Override
    public ConsentGrant redeem(ConnectorConfig config, ConsentRequest request, String code) {
        return consents.redeem(
                requests.client((Config) config),
                request,
                code,
                manifest.http().auth().account());
    }

    @Override
    public ReadPage read(
            ConnectorConfig config, String streamName, @Nullable JsonNode checkpoint, ReadContext context) {
        return reads.read((Config) config, stream(streamName), checkpoint, context);
    }

    /**
     * Upserts each record with the stream's {@code write} request, in order. A record the system reports unchanged
     * (the manifest's {@code unchanged} rule) counts as not written, so the same batch twice reports 0 the second
     * time. A record the system refuses (HTTP 400, 409, 422), or one without the key it is found by, is reported
     * with the system's words and the batch goes on; anything else (credentials, the system away) fails the batch.
     */
    @Override
    public WriteResult write(ConnectorConfig config, String streamName, List<ObjectNode> records) {
        return writes.write((Config) config, stream(streamName), records);
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

    private Optional<ConnectorError> statusError(int status) {
        return Optional.ofNullable(manifest.errors())
                .flatMap(rules -> rules.stream()
                        .filter(rule -> rule.status().contains(status))
                        .findFirst()
                        .map(rule -> new ConnectorError(rule.errorClass(), rule.message(), rule.fix())));
    }
}
