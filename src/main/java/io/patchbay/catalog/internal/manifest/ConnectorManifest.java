package io.patchbay.catalog.internal.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.patchbay.catalog.spi.ErrorClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

/** A declarative REST connector, as its YAML manifest says (validated against {@code manifest.schema.json}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConnectorManifest(
        String id,
        int version,
        String name,
        String description,
        ObjectNode config,
        Http http,
        Check check,
        List<Stream> streams,
        @Nullable List<ErrorRule> errors,
        @Nullable MigrationRule migration) {

    /**
     * How connections on version {@code from} take this version's settings: each entry renders a setting from the
     * old one's plain settings ({@code {{config.baseUrl}}/v1}); settings of the same name carry over as they are.
     */
    record MigrationRule(int from, String notes, @Nullable Map<String, String> settings) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Http(
            String baseUrl,
            @Nullable Map<String, String> headers,
            Auth auth,
            @Nullable RateLimit rateLimit) {}

    /**
     * The system's published rate limit: {@code requests} per {@code per} ({@code 10s}, {@code 1m}, {@code 1h}). A
     * connection may set {@code requests} with the integer setting {@code setting} names: plans of one system allow
     * different rates.
     */
    record RateLimit(int requests, String per, @Nullable String setting) {

        /** The limit for a connection with these settings. */
        RateLimit forSettings(ObjectNode settings) {
            return new RateLimit(Settings.positive(settings, setting, requests), per, setting);
        }

        Duration period() {
            long amount = Long.parseLong(per.substring(0, per.length() - 1));
            return switch (per.charAt(per.length() - 1)) {
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Auth(
            String type,
            @Nullable String in,
            @Nullable String name,
            @Nullable String value,
            @Nullable String username,
            @Nullable String password,
            @Nullable String token,
            @Nullable String tokenUrl,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String scope,
            @Nullable String authorizeUrl,
            @Nullable List<String> scopes,
            @Nullable String account) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Check(String path, @Nullable Map<String, Object> params, String summary) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Stream(
            String name,
            String path,
            @Nullable Map<String, Object> params,
            String records,
            String primaryKey,
            @Nullable String cursorField,
            @Nullable Incremental incremental,
            Pagination pagination,
            ObjectNode schema,
            @Nullable Write write) {}

    /**
     * How a record is upserted into a stream: the request, the record field the system finds it by, and how the
     * system's answer says nothing changed.
     */
    record Write(
            String method,
            String path,
            String key,
            @Nullable Unchanged unchanged,
            @Nullable ObjectNode schema) {}

    /** The write changed nothing when the answer has {@code equals} at JSON pointer {@code path}. */
    record Unchanged(String path, String equals) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Incremental(String param, boolean sorted) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pagination(
            String type,
            @Nullable Integer size,
            @Nullable String sizeParam,
            @Nullable String pageParam,
            @Nullable String offsetParam,
            @Nullable String cursorParam,
            @Nullable String cursorPath,
            @Nullable String nextUrlPath,
            @Nullable String hasMore,
            @Nullable String sizeSetting) {

        /**
         * The pagination of a connection with these settings: its page size where {@code size_setting} names one it
         * has set.
         */
        Pagination forSettings(ObjectNode settings) {
            if (sizeSetting == null || !settings.hasNonNull(sizeSetting)) {
                return this;
            }
            int chosen = Settings.positive(settings, sizeSetting, size == null ? 0 : size);
            return new Pagination(
                    type,
                    chosen,
                    sizeParam,
                    pageParam,
                    offsetParam,
                    cursorParam,
                    cursorPath,
                    nextUrlPath,
                    hasMore,
                    sizeSetting);
        }
    }

    /** Reads the integer settings a manifest names; a setting left empty keeps the manifest's own value. */
    private static final class Settings {
        static int positive(ObjectNode settings, @Nullable String name, int otherwise) {
            if (name == null
                    || !settings.hasNonNull(name)
                    || !settings.get(name).canConvertToInt()) {
                return otherwise;
            }
            int value = settings.get(name).asInt();
            return value > 0 ? value : otherwise;
        }
    }

    record ErrorRule(
            List<Integer> status, @JsonProperty("class") ErrorClass errorClass, String message, String fix) {}
}
