package io.patchbay.security;

import io.patchbay.base.Dates;
import io.patchbay.base.InvalidInputException;
import io.patchbay.security.egress.ClosedDestinations;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.TenantExceptions;
import io.patchbay.security.internal.EgressExceptionRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Network exceptions, per tenant: a host on the tenant's own network (a private address, or plain http) that its
 * connectors may reach. A customer admin requests one with a reason; a solutions engineer other than the requester
 * approves it until a date, or denies it; either side may revoke it. Pending, denied, revoked and expired exceptions
 * open nothing, and hosts that are never reachable (loopback, link-local, metadata, the hub's own machine) are refused
 * when they are asked for. Every step is audited; the egress guard asks {@link #held} on every call.
 */
@Service
public class EgressExceptionService implements TenantExceptions {

    /** The longest an approval may run before it must be renewed. */
    public static final Duration LONGEST_APPROVAL = Duration.ofDays(366);

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$|^[0-9a-f:.]+$");
    private static final String REQUEST = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    private static final String DECIDE = "hasRole('SOLUTIONS_ENGINEER')";
    private static final String READ = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";

    private final EgressExceptionRepository exceptions;
    private final ClosedDestinations closed;
    private final ApplicationEventPublisher events;

    EgressExceptionService(
            EgressExceptionRepository exceptions, ClosedDestinations closed, ApplicationEventPublisher events) {
        this.exceptions = exceptions;
        this.closed = closed;
        this.events = events;
    }

    @Transactional(readOnly = true)
    @PreAuthorize(READ)
    public List<EgressException> list() {
        return exceptions.list();
    }

    /** What the tenant in scope holds for a host, for the egress guard; nothing outside a tenant's scope. */
    @Override
    @Transactional(readOnly = true)
    public Optional<Held> held(String host) {
        Instant now = Instant.now();
        return exceptions.findByHost(host).map(exception -> new Held(exception.opens(now), whyNot(exception, now)));
    }

    /**
     * Asks for a host to be opened for this tenant's connectors; it opens nothing until a solutions engineer
     * approves it.
     *
     * @throws IllegalArgumentException naming what is wrong with the host or the reason, or the rule that closes
     *     the host for good
     */
    @Transactional
    @PreAuthorize(REQUEST)
    public void request(String host, String reason) {
        String normalized = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (!validHost(normalized)) {
            throw new InvalidInputException("Enter a host name or IP address only, without scheme, port or path.");
        }
        if (reason == null || reason.trim().length() < 10) {
            throw new InvalidInputException(
                    "Say in a sentence why this host must be reachable (10 characters or more).");
        }
        grantable(normalized);
        Optional<EgressException> existing = exceptions.findByHost(normalized);
        Instant now = Instant.now();
        if (existing.filter(e -> e.opens(now)).isPresent()) {
            throw new InvalidInputException(
                    normalized + " is already open until " + day(existing.get().expiresAt()) + ".");
        }
        if (existing.filter(e -> e.status() == EgressException.Status.PENDING).isPresent()) {
            throw new InvalidInputException(normalized + " already waits for approval.");
        }
        exceptions.request(normalized, reason.trim(), CurrentTenant.actor());
        publish(normalized, "egress_exception.requested", Map.of("reason", reason.trim()));
    }

    /**
     * Opens a requested host until {@code expiresAt}.
     *
     * @throws IllegalArgumentException when it is not waiting for approval, the engineer asked for it themselves,
     *     the expiry is not within the next year, or the host has become never reachable
     */
    @Transactional
    @PreAuthorize(DECIDE)
    public void approve(UUID id, Instant expiresAt, @Nullable String note) {
        EgressException exception = pending(id);
        if (exception.requestedBy().equals(CurrentTenant.actor())) {
            throw new InvalidInputException("Another solutions engineer must approve a request of yours.");
        }
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LONGEST_APPROVAL))) {
            throw new InvalidInputException("Choose an expiry within the next year.");
        }
        grantable(exception.host());
        String cleanNote = note == null || note.isBlank() ? null : note.trim();
        exceptions.decide(id, EgressException.Status.APPROVED, CurrentTenant.actor(), cleanNote, expiresAt);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("expiresAt", expiresAt.toString());
        if (cleanNote != null) {
            details.put("note", cleanNote);
        }
        publish(exception.host(), "egress_exception.approved", details);
    }

    /** @throws IllegalArgumentException when it is not waiting for approval or the note is missing */
    @Transactional
    @PreAuthorize(DECIDE)
    public void deny(UUID id, String note) {
        EgressException exception = pending(id);
        if (note == null || note.trim().length() < 5) {
            throw new InvalidInputException("Say why it is denied, so the requester knows what to change.");
        }
        exceptions.decide(id, EgressException.Status.DENIED, CurrentTenant.actor(), note.trim(), null);
        publish(exception.host(), "egress_exception.denied", Map.of("note", note.trim()));
    }

    /** Closes an open or waiting exception at once; connections that need the host fail until it is open again. */
    @Transactional
    @PreAuthorize(REQUEST)
    public void revoke(UUID id) {
        exceptions.lock(id).ifPresent(exception -> {
            if (exception.status() == EgressException.Status.APPROVED
                    || exception.status() == EgressException.Status.PENDING) {
                exceptions.decide(id, EgressException.Status.REVOKED, CurrentTenant.actor(), null, null);
                publish(exception.host(), "egress_exception.revoked", Map.of());
            }
        });
    }

    public static boolean validHost(@Nullable String host) {
        return host != null
                && HOST.matcher(host.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /** What an exception that opens nothing waits for, in the words a refusal shows. */
    static String whyNot(EgressException exception, Instant now) {
        String host = exception.host();
        return switch (exception.status()) {
            case PENDING -> "The network exception for " + host + " waits for a solutions engineer's approval.";
            case DENIED ->
                "The network exception for " + host + " was denied"
                        + (exception.decisionNote() == null ? "" : ": " + exception.decisionNote())
                        + ". Request it again with what changed.";
            case REVOKED ->
                "The network exception for " + host + " was revoked by " + exception.decidedBy()
                        + ". Request it again on the Network exceptions page.";
            case APPROVED ->
                exception.expired(now)
                        ? "The network exception for " + host + " expired on " + day(exception.expiresAt())
                                + ". Request it again on the Network exceptions page; a solutions engineer renews it."
                        : "";
        };
    }

    private EgressException pending(UUID id) {
        EgressException exception =
                exceptions.lock(id).orElseThrow(() -> new InvalidInputException("There is no such request."));
        if (exception.status() != EgressException.Status.PENDING) {
            throw new InvalidInputException("The request for " + exception.host() + " was already decided: "
                    + exception.status().label() + ".");
        }
        return exception;
    }

    private void grantable(String host) {
        try {
            closed.checkGrantable(host);
        } catch (EgressRefusedException e) {
            throw new InvalidInputException(e.getMessage() + ". No exception can open it.");
        }
    }

    private void publish(String host, String action, Map<String, String> details) {
        events.publishEvent(new EgressExceptionChanged(
                CurrentTenant.require(), host, action, Map.copyOf(details), CurrentTenant.actor()));
    }

    private static String day(@Nullable Instant instant) {
        return instant == null ? "" : Dates.day(instant);
    }
}
