package io.patchbay.catalog.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A kind of integration. One instance serves every connection of its kind and keeps no per-connection state: each
 * call receives the connection's configuration.
 *
 * <p>Errors: every expected failure (bad credentials, unreachable host, throttling that does not end, unusable data)
 * is reported as a {@link ConnectorException} carrying a classified {@link ConnectorError} whose texts contain no
 * secret. Any other exception is a bug and is shown as {@link ErrorClass#INTERNAL}.
 */
public interface Connector {

    /** What this connector is and what it offers. Constant for the life of the process. */
    ConnectorSpec spec();

    /**
     * Builds the typed configuration from the connection's settings and its secret.
     *
     * @param settings the connection's non-secret settings, as saved by setup
     * @param secret the connection's secret in clear, or null where none is stored yet
     * @throws ConnectorException {@link ErrorClass#CONFIG} naming the first setting that is missing or invalid
     */
    ConnectorConfig configure(ObjectNode settings, @Nullable String secret);

    /**
     * Tests the configuration against the external system with the least work that proves reads will succeed:
     * reachability, credentials, permission to read. Answers within seconds and never throws for an expected
     * failure: it returns {@link CheckResult#failed}.
     */
    CheckResult check(ConnectorConfig config);

    /**
     * Reads the next page of {@code stream}, starting after {@code checkpoint} (null: from the beginning). Records
     * come in the order the checkpoint advances. The connector handles throttling itself: it waits as the external
     * system asks (reporting each wait to {@link ReadContext#throttled}) and retries passing faults a few times
     * before it gives up with a classified error.
     *
     * @throws ConnectorException on a failure that persists
     */
    ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context);
}
