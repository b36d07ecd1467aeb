package io.patchbay.connection;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConsentGrant;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.internal.ConnectionSecrets;
import io.patchbay.connection.internal.ConsentRepository;
import io.patchbay.connection.internal.InboundProperties;
import io.patchbay.tenancy.CurrentTenant;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects a connection to its system with a person's consent there (OAuth2 authorization code): where to send the
 * admin, and then the provider's answer, checked against the {@link ConsentSession} that started it and redeemed for
 * tokens that are sealed with the connection's other secrets. Only who consented, and when, is kept in clear. Every
 * way it can fail is an {@link ErrorClass#AUTH} error whose fix is to reconnect.
 *
 * @see <a href="../../../../../../docs/adr/0006-user-consented-connections.md">ADR 6</a>
 */
@Service
public class ConsentService {

    /** Where providers send people back: the path of the redirect URI registered with them. */
    public static final String CALLBACK_PATH = "consent/callback";

    private static final String SETUP = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    private static final int LONGEST_PROVIDER_TEXT = 200;

    private final ConnectionStore store;
    private final ConnectionSecrets secrets;
    private final ConsentRepository consents;
    private final InboundProperties inbound;
    private final ApplicationEventPublisher events;

    ConsentService(
            ConnectionStore store,
            ConnectionSecrets secrets,
            ConsentRepository consents,
            InboundProperties inbound,
            ApplicationEventPublisher events) {
        this.store = store;
        this.secrets = secrets;
        this.consents = consents;
        this.inbound = inbound;
        this.events = events;
    }

    /** The redirect URI to register with providers: this hub's consent callback. */
    public URI callbackUrl() {
        return URI.create(inbound.publicUrl() + "/" + CALLBACK_PATH);
    }

    /** Who consented for the connection and when; empty before the first consent. */
    @Transactional(readOnly = true)
    public Optional<ConnectionConsent> consent(ConnectionId id) {
        return consents.find(id);
    }

    /**
     * Starts a consent: remembers it in the person's session and answers where to send them, the provider's page
     * that asks them to allow access. Uses the connection's saved settings.
     *
     * @throws InvalidSetupException when the connection does not sign in with consent or its settings cannot make
     *     the provider's address
     */
    @PreAuthorize(SETUP)
    public URI start(ConnectionId id, ConsentSession session) {
        ConnectionStore.Stored stored = store.read(id);
        Connector connector = store.connector(stored.connection());
        if (!connector.spec().can(Capability.CONSENT)) {
            throw new InvalidSetupException(
                    "connection", connector.spec().displayName() + " does not sign in with a person's consent.");
        }
        ConsentRequest request = ConsentRequest.start(callbackUrl());
        URI consentUrl;
        try {
            consentUrl = connector.consentUrl(store.configure(stored), request);
        } catch (ConnectorException e) {
            throw new InvalidSetupException(
                    "connection", e.error().message() + " " + e.error().fix());
        }
        session.started(id, request, CurrentTenant.actor());
        return consentUrl;
    }

    /**
     * Completes a consent with the provider's answer (the query parameters it sent the person back with): the
     * {@code state} must be one the session started; a {@code code} is redeemed, and the tokens are sealed with the
     * connection's secrets, replacing any earlier ones. The code is redeemed with no transaction open; the tokens
     * and who consented are saved in a short one afterwards. The outcome is also kept in the session, for the setup
     * or the connection's page to show.
     */
    @PreAuthorize(SETUP)
    public ConsentOutcome complete(ConsentSession session, Map<String, String> answer) {
        ConsentSession.Pending pending =
                session.take(answer.get("state"), CurrentTenant.actor()).orElse(null);
        if (pending == null) {
            ConnectionId latest = session.latest().orElse(null);
            return session.answered(new ConsentOutcome(latest, unmatched(latest == null ? null : systemOf(latest))));
        }
        ConnectionId id = pending.connectionId();
        ConnectionStore.Stored stored = store.find(id).orElse(null);
        if (stored == null) {
            return new ConsentOutcome(null, unmatched(null));
        }
        Connector connector = store.connector(stored.connection());
        String system = connector.spec().displayName();
        String error = answer.get("error");
        String code = answer.get("code");
        if (error != null || code == null || code.isBlank()) {
            return session.answered(new ConsentOutcome(id, refused(system, error, answer.get("error_description"))));
        }
        ConsentGrant grant;
        try {
            grant = connector.redeem(store.configure(stored), pending.request(), code);
        } catch (ConnectorException e) {
            return session.answered(new ConsentOutcome(id, e.error()));
        }
        store.write(id, connection -> {
            secrets.storeTokens(id, grant.tokens());
            consents.save(id, grant.account(), CurrentTenant.actor());
            events.publishEvent(new ConnectionChanged(
                    connection.tenantId(),
                    id,
                    "connection.consented",
                    Map.of("account", grant.account() == null ? "(not named by " + system + ")" : grant.account()),
                    CurrentTenant.actor()));
            return connection;
        });
        return session.answered(new ConsentOutcome(id, null));
    }

    private @Nullable String systemOf(ConnectionId id) {
        return store.find(id)
                .map(stored -> store.connector(stored.connection()).spec().displayName())
                .orElse(null);
    }

    private static ConnectorError unmatched(@Nullable String system) {
        String provider = system == null ? "the system you signed in to" : system;
        return new ConnectorError(
                ErrorClass.AUTH,
                "Patchbay could not match the answer from " + provider + " to a sign-in started in this browser: it "
                        + "came back with another state, or after more than "
                        + ConsentSession.PATIENCE.toMinutes() + " minutes.",
                "Reconnect to " + provider + ", and finish signing in there within "
                        + ConsentSession.PATIENCE.toMinutes() + " minutes, in this browser.");
    }

    private static ConnectorError refused(String system, @Nullable String error, @Nullable String description) {
        if ("access_denied".equals(error)) {
            return new ConnectorError(
                    ErrorClass.AUTH,
                    "Access to " + system + " was not allowed (access_denied), so Patchbay cannot read it.",
                    "Reconnect to " + system + " and press Allow.");
        }
        String reason = error == null ? "no authorization code" : error;
        if (description != null && !description.isBlank()) {
            String text = description.strip();
            reason += ": "
                    + (text.length() > LONGEST_PROVIDER_TEXT ? text.substring(0, LONGEST_PROVIDER_TEXT) + "…" : text);
        }
        return new ConnectorError(
                ErrorClass.AUTH,
                system + " refused the sign-in (" + reason + ").",
                "Reconnect to " + system + "; if it refuses again, check the client ID and secret with " + system
                        + ".");
    }
}
