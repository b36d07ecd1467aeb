package io.patchbay.catalog.spi;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's settings as its connector receives them: the non-secret values and the secrets in clear, both
 * already validated against the spec's schema, and where refreshed {@link OAuth2Tokens} go. Lives only for one
 * call; {@link #toString()} hides the secrets.
 */
public record ConnectorSettings(ObjectNode values, Map<String, String> secrets, TokenStore tokenStore) {

    public ConnectorSettings {
        values = values.deepCopy();
        secrets = Map.copyOf(secrets);
    }

    /** Settings of no stored connection: refreshed tokens are kept nowhere. */
    public ConnectorSettings(ObjectNode values, Map<String, String> secrets) {
        this(values, secrets, TokenStore.NONE);
    }

    public String text(String key) {
        return values.path(key).asString("");
    }

    public Optional<String> secret(String key) {
        return Optional.ofNullable(secrets.get(key)).filter(value -> !value.isBlank());
    }

    /** Values and secrets in one JSON object, for schema validation and templating; OAuth2 tokens are no setting. */
    public ObjectNode merged() {
        ObjectNode all = values.deepCopy();
        secrets.forEach((key, value) -> {
            if (!OAuth2Tokens.isTokenKey(key)) {
                all.put(key, value);
            }
        });
        return all;
    }

    @Override
    public String toString() {
        return "ConnectorSettings[values=" + values + ", secrets=" + secrets.keySet() + "]";
    }
}
