package io.patchbay.catalog.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a connector is: its id and version ({@code sandbox-crm@1}), the JSON Schema its connection settings must
 * satisfy (properties marked {@code writeOnly} are secrets: stored encrypted, never shown again), the streams it
 * offers, what it can do, how it authenticates and, where it keeps one, the pace of its requests.
 */
public record ConnectorSpec(
        String id,
        int version,
        String displayName,
        String description,
        ObjectNode configSchema,
        List<StreamSpec> streams,
        Set<Capability> capabilities,
        List<String> authMethods,
        @Nullable Pace pace) {

    /** The versioned reference stored on connections, e.g. {@code sandbox-crm@1}. */
    public String reference() {
        return id + "@" + version;
    }

    /** The setup form's fields, in the schema's order, as read from {@link #configSchema}. */
    public List<SettingSpec> settings() {
        Set<String> required = new HashSet<>();
        configSchema.path("required").forEach(name -> required.add(name.asString()));
        List<SettingSpec> settings = new ArrayList<>();
        configSchema.path("properties").properties().forEach(field -> {
            JsonNode property = field.getValue();
            List<String> choices = new ArrayList<>();
            property.path("enum").forEach(choice -> choices.add(choice.asString()));
            var condition = property.path("x-visible-when").properties().iterator();
            Condition visibleWhen = null;
            if (condition.hasNext()) {
                var first = condition.next();
                visibleWhen = new Condition(first.getKey(), first.getValue().asString());
            }
            settings.add(new SettingSpec(
                    field.getKey(),
                    property.path("title").asString(field.getKey()),
                    property.path("description").asString(""),
                    property.path("type").asString("string"),
                    property.path("writeOnly").asBoolean(false),
                    required.contains(field.getKey()),
                    property.hasNonNull("default") ? property.get("default").asString() : null,
                    List.copyOf(choices),
                    visibleWhen));
        });
        return List.copyOf(settings);
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * A field of the setup form. {@code type} is the JSON Schema type ({@code string}, {@code integer}, ...). A field
     * with {@code visibleWhen} (the schema's {@code x-visible-when: {other: value}}) matters only when that other
     * setting has that value, e.g. the HMAC settings of a webhook that uses HMAC signatures.
     */
    public record SettingSpec(
            String key,
            String label,
            String help,
            String type,
            boolean secret,
            boolean required,
            @Nullable String defaultValue,
            List<String> choices,
            @Nullable Condition visibleWhen) {

        /** Whether the field matters for these settings. */
        public boolean applies(JsonNode settings) {
            return visibleWhen == null
                    || visibleWhen
                            .value()
                            .equals(settings.path(visibleWhen.key()).asString());
        }
    }

    /** Another setting and the value it must have. */
    public record Condition(String key, String value) {}

    /**
     * One entity the connector moves: its records' JSON Schema, primary key and the field its incremental
     * checkpoint follows (null for full-refresh streams); for a stream the connector writes, the JSON Schema of what
     * the system accepts, which each record is checked against before it is sent.
     */
    public record StreamSpec(
            String name,
            String primaryKey,
            @Nullable String cursorField,
            ObjectNode schema,
            @Nullable ObjectNode writeSchema) {

        /** A stream that can only be read. */
        public StreamSpec(String name, String primaryKey, @Nullable String cursorField, ObjectNode schema) {
            this(name, primaryKey, cursorField, schema, null);
        }

        /** Whether records can be written to it, and are checked against {@link #writeSchema} before. */
        public boolean writable() {
            return writeSchema != null;
        }
    }

    /**
     * The pace a connector keeps on its own, per connection, to stay under the external system's rate limit: at most
     * {@code requests} in any stretch of {@code per}.
     */
    public record Pace(int requests, Duration per) {}

    /** What a connector can do. */
    public enum Capability {
        CHECK,
        DISCOVER,
        READ,
        WRITE,
        /** Receives deliveries at the connection's webhook URL. */
        PUSH,
        /** Takes files an admin uploads. */
        UPLOAD,
        /**
         * Signs in with a person's consent at the external system (OAuth2 authorization code): setup sends the admin
         * there, and the connector keeps the tokens the consent gave fresh.
         */
        CONSENT
    }

    /** True for connectors that are sent their data (webhooks, uploads) rather than polling for it. */
    public boolean pushed() {
        return can(Capability.PUSH) || can(Capability.UPLOAD);
    }
}
