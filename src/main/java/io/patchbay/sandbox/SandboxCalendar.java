package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxAccounts;
import io.patchbay.sandbox.internal.SandboxCalendarRepository;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox calendar as its customer sees it, for the tenant in scope: where it is, the OAuth2 client the tenant
 * registered there (each brings its own), the person who consents on its sign-in page, and knobs that change events,
 * end access tokens early and revoke consents, all within the tenant's account. Everyone in the tenant sees counts;
 * only those who set connections up see the client's credentials and turn the knobs.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCalendar {

    /** The one person signed in to the sandbox calendar: whoever presses Allow consents as her. */
    public static final String USER_NAME = "Ada Lovelace";

    public static final String USER_EMAIL = "ada.lovelace@sandbox-calendar.example";

    private final SandboxProperties properties;
    private final SandboxAccounts accounts;
    private final SandboxCalendarRepository calendar;

    SandboxCalendar(SandboxProperties properties, SandboxAccounts accounts, SandboxCalendarRepository calendar) {
        this.properties = properties;
        this.accounts = accounts;
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

    @PreAuthorize(SandboxRoles.CHANGE)
    public String clientId() {
        return accounts.current().calendarClientId();
    }

    @PreAuthorize(SandboxRoles.CHANGE)
    public String clientSecret() {
        return accounts.current().calendarClientSecret();
    }

    /** The redirect URI registered for every tenant's client: the only place consents are sent back to. */
    public String redirectUri() {
        return properties.calendar().redirectUri();
    }

    public Duration tokenLifetime() {
        return properties.calendar().tokenLifetime();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public int eventCount() {
        accounts.current();
        return calendar.eventCount();
    }

    /** Consents given in the tenant's account and not revoked. */
    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public int activeConsents() {
        accounts.current();
        return calendar.activeGrantCount();
    }

    /** Moves {@code count} events a day later, so incremental syncs have something to read. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public int moveEvents(int count) {
        accounts.current();
        return calendar.moveEvents(count);
    }

    /** Ends every access token issued in the tenant's account so far, as if their lifetime were over. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public int expireAccessTokens() {
        return calendar.expireAccessTokens();
    }

    /** Revokes every consent in the tenant's account, as a person removing Patchbay from their apps would. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public int revokeConsents() {
        return calendar.revokeGrants();
    }
}
