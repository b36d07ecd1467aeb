package io.patchbay.catalog.spi;

import io.patchbay.catalog.spi.ConnectorSpec.StreamSpec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind of integration. One instance serves every connection of its kind and keeps no per-connection state: each
 * call receives the connection's typed configuration.
 *
 * <p>Errors: every expected failure (bad credentials, unreachable host, throttling that does not end, unusable data)
 * is reported as a {@link ConnectorException} carrying a classified {@link ConnectorError} whose texts contain no
 * secret. Any other exception is a bug and is shown as {@link ErrorClass#INTERNAL}. Every outbound HTTP call goes
 * through the egress guard.
 */
public interface Connector {

    /** What this connector is and what it offers. Constant for the life of the process. */
    ConnectorSpec spec();

    /**
     * Builds the typed configuration. The caller has validated {@code settings} against
     * {@link ConnectorSpec#configSchema()}; the connector checks only what a schema cannot say.
     *
     * @throws ConnectorException {@link ErrorClass#CONFIG} naming the setting that cannot work
     */
    ConnectorConfig configure(ConnectorSettings settings);

    /**
     * Tests the configuration against the external system with the least work that proves reads will succeed:
     * reachability, credentials, permission to read. Answers within seconds and never throws for an expected
     * failure: it returns {@link CheckResult#failed}.
     */
    CheckResult check(ConnectorConfig config);

    /**
     * Where to send the person whose consent the connection needs: the provider's authorization URL for {@code
     * request}, asking for the code with PKCE (S256). Only connectors with {@link ConnectorSpec.Capability#CONSENT}.
     * The runtime made the request, keeps it in that person's session, and checks the state the provider sends
     * back before it calls {@link #redeem}. The configuration need not hold tokens yet.
     *
     * @throws ConnectorException {@link ErrorClass#CONFIG} when the settings cannot make a usable URL
     */
    default URI consentUrl(ConnectorConfig config, ConsentRequest request) {
        throw new UnsupportedOperationException(spec().reference() + " does not sign in with consent");
    }

    /**
     * Redeems the authorization code the provider sent back for {@code request} (with its PKCE verifier) for tokens.
     * The runtime stores the returned tokens sealed with the connection's secrets; from then on {@code configure}
     * receives them among the secrets, and the connector refreshes them as they expire, handing new ones to the
     * settings' {@link TokenStore}. Only connectors with {@link ConnectorSpec.Capability#CONSENT}.
     *
     * @throws ConnectorException {@link ErrorClass#AUTH} when the provider refuses the code (expired, used, not
     *     issued for this verifier) or the client, with "reconnect" as the fix; otherwise as any call to the system
     */
    default ConsentGrant redeem(ConnectorConfig config, ConsentRequest request, String code) {
        throw new UnsupportedOperationException(spec().reference() + " does not sign in with consent");
    }

    /**
     * The streams this configuration can reach, with their record schemas, primary keys and cursor fields. A
     * connector whose streams are fixed returns {@link ConnectorSpec#streams()}; one that reads a database asks the
     * catalog.
     *
     * @throws ConnectorException when the external system cannot be asked
     */
    default List<StreamSpec> discover(ConnectorConfig config) {
        return spec().streams();
    }

    /**
     * Reads the next page of {@code stream}, starting after {@code checkpoint} (null: from the beginning). The
     * returned checkpoint covers exactly the records returned and all before them, so that a read resumed from it
     * neither skips nor repeats a record. The connector waits out throttling as the external system asks (reporting
     * each wait to {@link ReadContext#throttled}), retries passing faults a few times and then gives up with a
     * classified error. It checks {@link ReadContext#cancelled()} between requests.
     *
     * @throws ConnectorException on a failure that persists
     */
    ReadPage read(ConnectorConfig config, String stream, @Nullable JsonNode checkpoint, ReadContext context);

    /**
     * Upserts records into {@code stream} by primary key. Idempotent: the same batch written twice leaves the same
     * state, and the second write reports 0 written. Only connectors with {@link ConnectorSpec.Capability#WRITE}.
     *
     * @throws ConnectorException on a failure; records before the failing one may have been written (they are
     *     idempotent, so the caller retries the whole batch)
     */
    default WriteResult write(ConnectorConfig config, String stream, List<ObjectNode> records) {
        throw new UnsupportedOperationException(spec().reference() + " does not write");
    }

    /**
     * Takes data pushed to a connection: checks that it is authentic (a webhook's signature and timestamp) and
     * turns it into records. Only connectors with {@link ConnectorSpec.Capability#PUSH} or
     * {@link ConnectorSpec.Capability#UPLOAD}. Called on the request path, so it must be quick and must not call
     * out. The returned message id is the same for every retry of the same message: the runtime stages each message
     * once and later reads the staged records through {@link ReadContext#pushed}. Parts that cannot be used are
     * reported in {@link Received#problems()}, each naming where it is.
     *
     * @throws ConnectorException {@link ErrorClass#AUTH} when the data is not authentic or is stale, {@link
     *     ErrorClass#DATA} when none of it can be read
     */
    default Received receive(ConnectorConfig config, PushedData data) {
        throw new UnsupportedOperationException(spec().reference() + " does not take pushed data");
    }

    /** The version this one takes connections over from, and what changed; empty for a first version. */
    default Optional<Migration> migration() {
        return Optional.empty();
    }

    /**
     * Carries a connection's settings from {@link #migration()}'s version into this version's shape. Pure: it
     * calls nothing out. The caller validates the result against this version's schema and tests it before
     * anything is saved, so a migration that cannot work changes nothing. Secrets are carried under their names and
     * never copied into plain settings.
     */
    default ConnectorSettings migrate(ConnectorSettings previous) {
        throw new UnsupportedOperationException(spec().reference() + " has no migration");
    }

    /** Called when a connection is activated or resumed, e.g. to register a webhook at the source. */
    default void onActivate(ConnectorConfig config) {}

    /** Called when a connection is paused. */
    default void onPause(ConnectorConfig config) {}

    /** Called when a connection is deleted, e.g. to remove what {@link #onActivate} registered. */
    default void onDelete(ConnectorConfig config) {}
}
