package io.patchbay.security;

import io.patchbay.security.internal.EgressExceptionRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exceptions to the egress rules, per tenant: a named host (on a private network, or without https) that the
 * tenant's connectors may reach. Granting and revoking are audited; the egress guard asks {@link #allows} on every
 * call.
 */
@Service
public class EgressExceptionService {

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^[0-9a-f:.]+$");
    private static final String GRANT = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";

    private final EgressExceptionRepository exceptions;
    private final ApplicationEventPublisher events;

    EgressExceptionService(EgressExceptionRepository exceptions, ApplicationEventPublisher events) {
        this.exceptions = exceptions;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<EgressException> list() {
        return exceptions.list();
    }

    /** Whether the tenant in scope holds an exception for this host. */
    @Transactional(readOnly = true)
    public boolean allows(String host) {
        return exceptions.exists(host.toLowerCase(Locale.ROOT));
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the host or the reason
     */
    @Transactional
    @PreAuthorize(GRANT)
    public void grant(String host, String reason) {
        String normalized = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (!validHost(normalized)) {
            throw new IllegalArgumentException("Enter a host name or IP address only, without scheme, port or path.");
        }
        if (reason == null || reason.trim().length() < 10) {
            throw new IllegalArgumentException(
                    "Say in a sentence why this host must be reachable (10 characters or more).");
        }
        exceptions.insert(normalized, reason.trim(), CurrentTenant.actor());
        events.publishEvent(
                new EgressExceptionGranted(CurrentTenant.require(), normalized, reason.trim(), CurrentTenant.actor()));
    }

    @Transactional
    @PreAuthorize(GRANT)
    public void revoke(UUID id) {
        exceptions
                .delete(id)
                .ifPresent(host -> events.publishEvent(
                        new EgressExceptionRevoked(CurrentTenant.require(), host, CurrentTenant.actor())));
    }

    public static boolean validHost(String host) {
        return host != null
                && HOST.matcher(host.trim().toLowerCase(Locale.ROOT)).matches();
    }
}
