package io.patchbay.catalog.spi;

/**
 * Where a connector hands a connection's {@link OAuth2Tokens} after it refreshed them, so that the next call starts
 * from them. Connectors keep no per-connection state and get their settings per call, so the one that refreshed a
 * token cannot keep it; and a provider that rotates refresh tokens invalidates the stored one the moment it answers,
 * so the new one must reach the connection's sealed secrets or the connection is lost. A callback the runtime passes
 * in with the settings is the smallest way to say that: the connector stays stateless, and storing stays with the
 * runtime that owns the vault.
 *
 * @see <a href="../../../../../../../docs/adr/0006-user-consented-connections.md">ADR 6</a>
 */
@FunctionalInterface
public interface TokenStore {

    /** Keeps nothing: for settings that belong to no stored connection (a certification run, a test). */
    TokenStore NONE = tokens -> {};

    /**
     * Stores refreshed tokens in place of the connection's previous ones (the refresh token included, which is the
     * previous one where the provider did not rotate it). Called once per refresh, before the connector uses the new
     * access token; must not throw, and must keep the tokens even when the call that refreshed them fails later.
     */
    void save(OAuth2Tokens refreshed);
}
