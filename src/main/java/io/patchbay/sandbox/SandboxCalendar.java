package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxCalendarRepository;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox calendar as its operator sees it: where it is, the OAuth2 client Patchbay has there, the person who
 * consents on its sign-in page, and knobs that change events, end access tokens early and revoke every consent.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCalendar {

    /** The one person signed in to the sandbox calendar: whoever presses Allow consents as her. */
    public static final String USER_NAME = "Ada Lovelace";

    public static final String USER_EMAIL = "ada.lovelace@sandbox-calendar.example";

    private final SandboxProperties properties;
    private final SandboxCalendarRepository calendar;

    SandboxCalendar(SandboxProperties properties, SandboxCalendarRepository calendar) {
        this.properties = properties;
        this.calendar = calendar;
    }

    public String baseUrl() {
        return properties.calendarBaseUrl();
    }

    public String authorizeUrl() {
        return baseUrl() + "/oauth/authorize";
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    public String clientId() {
        return properties.calendar().clientId();
    }

    public String clientSecret() {
        return properties.calendar().clientSecret();
    }

    /** The redirect URI registered for Patchbay's client: the only place consents are sent back to. */
    public String redirectUri() {
        return properties.calendar().redirectUri();
    }

    public Duration tokenLifetime() {
        return properties.calendar().tokenLifetime();
    }

    @Transactional(readOnly = true)
    public int eventCount() {
        return calendar.eventCount();
    }

    /** Consents given and not revoked. */
    @Transactional(readOnly = true)
    public int activeConsents() {
        return calendar.activeGrantCount();
    }

    /** Moves {@code count} events a day later, so incremental syncs have something to read. */
    @Transactional
    public int moveEvents(int count) {
        return calendar.moveEvents(count);
    }

    /** Ends every access token issued so far, as if their lifetime were over: clients must refresh. */
    @Transactional
    public int expireAccessTokens() {
        return calendar.expireAccessTokens();
    }

    /** Revokes every consent, as a person removing Patchbay from their connected apps would. */
    @Transactional
    public int revokeConsents() {
        return calendar.revokeGrants();
    }
}
