package io.patchbay.catalog.internal.manifest;

import com.networknt.schema.Schema;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.schema.JsonSchemas;
import io.patchbay.security.egress.EgressClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns declarative manifests into connectors: the shipped ones under {@code classpath:connectors/*.yaml}, or any
 * file (the certification kit's). A manifest is checked against {@code manifest.schema.json} and for what a schema
 * cannot say (templates naming settings that exist, keys that are in the record schema, a rate limit that can be
 * paced); every problem is listed with its path.
 */
@Component
public class ManifestConnectors {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // an optional flag left out of a manifest is false, as Jackson 2 had it
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\{\\{\\s*config\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Schema MANIFEST_SCHEMA = manifestSchema();

    private final EgressClient egress;
    private final ObjectMapper json;
    private final ClientCredentialsTokens tokens;
    private final AuthorizationCodeTokens consents;

    public ManifestConnectors(EgressClient egress, ObjectMapper json) {
        this.egress = egress;
        this.json = json;
        this.tokens = new ClientCredentialsTokens(egress);
        this.consents = new AuthorizationCodeTokens(egress, json);
    }

    /** The manifests shipped with Patchbay. A broken one stops the start: it is a bug in the build. */
    public List<Connector> shipped() {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:connectors/*.yaml");
            List<Connector> connectors = new ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    connectors.add(load(resource.getFilename(), in));
                }
            }
            return connectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads, checks and runs a manifest.
     *
     * @throws InvalidManifestException listing every problem with its path
     */
    public Connector load(String source, InputStream yaml) {
        return new ManifestConnector(parse(source, yaml), egress, tokens, consents, json, Pacing.Clock.SYSTEM);
    }

    static ConnectorManifest parse(String source, InputStream yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidManifestException(source, List.of("$: not valid YAML: " + e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidManifestException(source, List.of("$: a manifest is a YAML mapping"));
        }
        List<String> problems = new ArrayList<>(JsonSchemas.validate(MANIFEST_SCHEMA, tree).stream()
                .map(JsonSchemas.Problem::toString)
                .toList());
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        problems.addAll(semanticProblems(tree));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        try {
            return YAML.treeToValue(tree, ConnectorManifest.class);
        } catch (JacksonException e) {
            throw new InvalidManifestException(source, List.of("$: " + e.getOriginalMessage()));
        }
    }

    private static List<String> semanticProblems(JsonNode tree) {
        List<String> problems = new ArrayList<>();
        Set<String> settings = new HashSet<>();
        tree.path("config").path("properties").propertyNames().forEach(settings::add);
        tree.path("config").path("required").forEach(name -> {
            if (!settings.contains(name.asString())) {
                problems.add("$.config.required: '" + name.asString() + "' is not among config.properties");
            }
        });
        try {
            JsonSchemas.compile(tree.get("config"));
        } catch (RuntimeException e) {
            problems.add("$.config: not a usable JSON Schema: " + e.getMessage());
        }
        checkConsent(tree.path("http").path("auth"), problems);
        checkReferences(tree.path("http"), "$.http", settings, problems);
        checkMigration(tree, settings, problems);
        checkRateLimit(tree.path("http").path("rate_limit"), problems);
        checkIntegerSetting(
                tree, tree.path("http").path("rate_limit").path("setting"), "$.http.rate_limit.setting", problems);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tree.path("streams").size(); i++) {
            JsonNode stream = tree.path("streams").get(i);
            String at = "$.streams[" + i + "]";
            if (!names.add(stream.path("name").asString())) {
                problems.add(at + ".name: '" + stream.path("name").asString() + "' is used by another stream");
            }
            JsonNode properties = stream.path("schema").path("properties");
            for (String key : List.of("primary_key", "cursor_field")) {
                if (stream.hasNonNull(key) && !properties.has(stream.get(key).asString())) {
                    problems.add(at + "." + key + ": '" + stream.get(key).asString()
                            + "' is not a property of the stream's schema");
                }
            }
            JsonNode write = stream.path("write");
            if (write.hasNonNull("key") && !properties.has(write.get("key").asString())) {
                problems.add(at + ".write.key: '" + write.get("key").asString()
                        + "' is not a property of the stream's schema");
            }
            checkReferences(write, at + ".write", settings, problems);
            checkIntegerSetting(
                    tree, stream.path("pagination").path("size_setting"), at + ".pagination.size_setting", problems);
            try {
                JsonSchemas.compile(stream.path("schema"));
            } catch (RuntimeException e) {
                problems.add(at + ".schema: not a usable JSON Schema: " + e.getMessage());
            }
        }
        return problems;
    }

    /** A migration comes from an earlier version and renders plain settings of this one. */
    private static void checkMigration(JsonNode tree, Set<String> settings, List<String> problems) {
        JsonNode migration = tree.path("migration");
        if (migration.isMissingNode()) {
            return;
        }
        if (migration.path("from").asInt() >= tree.path("version").asInt()) {
            problems.add(
                    "$.migration.from: " + migration.path("from").asInt() + " is not an earlier version than this one ("
                            + tree.path("version").asInt() + ")");
        }
        migration.path("settings").propertyNames().forEach(name -> {
            JsonNode property = tree.path("config").path("properties").path(name);
            if (!settings.contains(name)) {
                problems.add("$.migration.settings." + name + ": names no setting in config.properties");
            } else if (property.path("writeOnly").asBoolean(false)) {
                problems.add("$.migration.settings." + name
                        + ": is a secret; secrets carry over under their own names and are never rendered");
            }
        });
    }

    /** A pace slower than the longest wait Patchbay allows between requests would stall every run. */
    private static void checkRateLimit(JsonNode rateLimit, List<String> problems) {
        if (rateLimit.isMissingNode()) {
            return;
        }
        var limit = new ConnectorManifest.RateLimit(
                rateLimit.get("requests").asInt(), rateLimit.get("per").asString(), null);
        Duration spacing = Pacing.spacing(limit);
        if (spacing.compareTo(HttpExchange.LONGEST_WAIT) > 0) {
            problems.add("$.http.rate_limit: " + limit.requests() + " per " + limit.per() + " would space requests "
                    + spacing.toSeconds() + " s apart, and Patchbay waits at most "
                    + HttpExchange.LONGEST_WAIT.toSeconds()
                    + " s between requests; for an hourly or daily quota leave rate_limit out, and Patchbay waits as "
                    + "the system's 429 answers ask");
        }
    }

    /**
     * A setting that sets a number the runtime paces or pages by must be a plain integer setting; its schema's bounds
     * are what keeps a connection's choice within what the system allows.
     */
    private static void checkIntegerSetting(JsonNode tree, JsonNode name, String path, List<String> problems) {
        if (name.isMissingNode()) {
            return;
        }
        JsonNode property = tree.path("config").path("properties").path(name.asString());
        if (property.isMissingNode()) {
            problems.add(path + ": '" + name.asString() + "' is not among config.properties");
        } else if (!"integer".equals(property.path("type").asString())
                || property.path("writeOnly").asBoolean(false)
                || !property.has("minimum")
                || !property.has("maximum")) {
            problems.add(path + ": '" + name.asString()
                    + "' must be an integer setting with a minimum and a maximum, not a secret");
        }
    }

    private static void checkReferences(JsonNode node, String path, Set<String> settings, List<String> problems) {
        if (node.isString()) {
            Matcher matcher = CONFIG_REFERENCE.matcher(node.asString());
            while (matcher.find()) {
                if (!settings.contains(matcher.group(1))) {
                    problems.add(path + ": {{config." + matcher.group(1) + "}} names no setting in config.properties");
                }
            }
        } else if (node.isObject()) {
            node.properties()
                    .forEach(field ->
                            checkReferences(field.getValue(), path + "." + field.getKey(), settings, problems));
        }
    }

    /** What only a consent asks for (where to send the person, scopes, who consented) needs the consent's auth type. */
    private static void checkConsent(JsonNode auth, List<String> problems) {
        if ("oauth2_authorization_code".equals(auth.path("type").asString())) {
            return;
        }
        for (String key : List.of("authorize_url", "scopes", "account")) {
            if (auth.has(key)) {
                problems.add("$.http.auth." + key + ": only auth type oauth2_authorization_code asks for a consent; "
                        + "this manifest's auth is " + auth.path("type").asString());
            }
        }
    }

    private static Schema manifestSchema() {
        try (InputStream in = ManifestConnectors.class.getResourceAsStream("/connectors/manifest.schema.json")) {
            return JsonSchemas.compile(new ObjectMapper().readTree(in));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("manifest.schema.json is missing from the classpath", e);
        }
    }
}
