package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxCrmRepository;
import io.patchbay.sandbox.internal.SandboxRateLimiter;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Sandbox CRM as its operator sees it: where it is, its API key, and knobs for demos and tests (change
 * contacts so incremental syncs have something to read, throttle the API).
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCrm {

    private final SandboxProperties properties;
    private final SandboxCrmRepository contacts;
    private final SandboxRateLimiter rateLimiter;

    SandboxCrm(SandboxProperties properties, SandboxCrmRepository contacts, SandboxRateLimiter rateLimiter) {
        this.properties = properties;
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

    public String apiKey() {
        return properties.crm().apiKey();
    }

    @Transactional(readOnly = true)
    public int contactCount() {
        return contacts.count(null);
    }

    @Transactional(readOnly = true)
    public List<SandboxContact> recentlyChanged(int limit) {
        return contacts.recentlyChanged(limit);
    }

    /** Changes {@code count} contacts (phone and company), as a user of the CRM would; returns their ids. */
    @Transactional
    public List<Long> changeContacts(int count) {
        return contacts.touchRandom(count);
    }

    @Transactional
    public SandboxContact addContact(String firstName, String lastName, String email, @Nullable String company) {
        return contacts.insert(firstName, lastName, email, company, null);
    }

    /** Changes the API's rate limit until the next restart, e.g. to show throttling. */
    public void setRateLimit(int requests, Duration per) {
        rateLimiter.reset(requests, per);
    }

    public SandboxProperties.RateLimit rateLimit() {
        return rateLimiter.current();
    }

    public SandboxProperties.RateLimit defaultRateLimit() {
        return properties.crm().rateLimit();
    }
}
