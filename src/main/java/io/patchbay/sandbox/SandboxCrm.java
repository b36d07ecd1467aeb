package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxAccounts;
import io.patchbay.sandbox.internal.SandboxCrmRepository;
import io.patchbay.sandbox.internal.SandboxRateLimiter;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Sandbox CRM as its customer sees it, for the tenant in scope: where it is, the tenant's API key, and knobs for
 * demos and tests (change contacts so incremental syncs have something to read, throttle the API). Everyone in the
 * tenant sees the counts and recent changes; only those who set connections up see the key and turn the knobs.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCrm {

    private final SandboxProperties properties;
    private final SandboxAccounts accounts;
    private final SandboxCrmRepository contacts;
    private final SandboxRateLimiter rateLimiter;

    SandboxCrm(
            SandboxProperties properties,
            SandboxAccounts accounts,
            SandboxCrmRepository contacts,
            SandboxRateLimiter rateLimiter) {
        this.properties = properties;
        this.accounts = accounts;
        this.contacts = contacts;
        this.rateLimiter = rateLimiter;
    }

    /** The API base URL a connection uses. */
    public String baseUrl() {
        return properties.crmBaseUrl();
    }

    /** The API's versioned root, as version 2 of the CRM connector takes it. */
    public String apiUrl() {
        return baseUrl() + "/v1";
    }

    /** The tenant's API key: it reads and changes the tenant's contacts only. */
    @PreAuthorize(SandboxRoles.CHANGE)
    public String apiKey() {
        return accounts.current().crmApiKey();
    }

    /**
     * Issues the tenant a new API key, as a CRM's settings do when a key may have leaked: the key before stops working
     * at once, so connections using it fail to authenticate until someone pastes the new one into their settings.
     */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public String issueNewApiKey() {
        return accounts.newCrmApiKey();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public int contactCount() {
        accounts.current();
        return contacts.count(null);
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public List<SandboxContact> recentlyChanged(int limit) {
        accounts.current();
        return contacts.recentlyChanged(limit);
    }

    /** Changes {@code count} contacts (phone and company), as a user of the CRM would; returns their ids. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public List<Long> changeContacts(int count) {
        accounts.current();
        return contacts.touchRandom(count);
    }

    /**
     * Spoils the email of {@code count} contacts ({@code ada(at)example.com}): the next sync must quarantine them.
     * Returns their ids.
     */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public List<Long> spoilEmails(int count) {
        accounts.current();
        return contacts.spoilEmails(count);
    }

    /** Changes a contact's email, as a user of the CRM fixing it would. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public void setEmail(long contact, String email) {
        accounts.current();
        contacts.setEmail(contact, email);
    }

    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public SandboxContact addContact(String firstName, String lastName, String email, @Nullable String company) {
        accounts.current();
        return contacts.insert(firstName, lastName, email, company, null);
    }

    /** Changes the tenant's API rate limit, e.g. to show throttling; it holds until set back. */
    @PreAuthorize(SandboxRoles.CHANGE)
    public void setRateLimit(int requests, Duration per) {
        accounts.setCrmRateLimit(new SandboxProperties.RateLimit(requests, per));
    }

    @PreAuthorize(SandboxRoles.READ)
    public SandboxProperties.RateLimit rateLimit() {
        return rateLimiter.limitOf(accounts.current());
    }

    public SandboxProperties.RateLimit defaultRateLimit() {
        return properties.crm().rateLimit();
    }
}
