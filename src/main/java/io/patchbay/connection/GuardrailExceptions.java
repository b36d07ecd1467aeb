package io.patchbay.connection;

import io.patchbay.connection.internal.GuardrailExceptionRepository;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exceptions to guardrails: a customer admin asks for one with a justification; a solutions engineer other than the
 * one who asked approves it until a date (at most a year, the bound network exceptions have) or denies it with a note. Each step is audited on the
 * connection.
 */
@Service
public class GuardrailExceptions {

    public static final int MIN_JUSTIFICATION = 20;
    static final String ENGINEER = "hasRole('SOLUTIONS_ENGINEER')";

    private final GuardrailExceptionRepository exceptions;
    private final Guardrails guardrails;
    private final ConnectionStore store;
    private final ConnectionService setup;

    GuardrailExceptions(
            GuardrailExceptionRepository exceptions,
            Guardrails guardrails,
            ConnectionStore store,
            ConnectionService setup) {
        this.exceptions = exceptions;
        this.guardrails = guardrails;
        this.store = store;
        this.setup = setup;
    }

    /** The tenant's exceptions, newest first. */
    @Transactional(readOnly = true)
    public List<GuardrailException> list() {
        return exceptions.list(500);
    }

    /** The connection's open requests and approvals, expired ones included. */
    @Transactional(readOnly = true)
    public List<GuardrailException> open(ConnectionId connection) {
        return exceptions.open(connection);
    }

    /**
     * Asks for an exception to a rule the connection breaks.
     *
     * @throws InvalidSetupException {@code justification} when it is shorter than {@link #MIN_JUSTIFICATION}
     *     characters, {@code rule} when the connection does not break that rule or one is already open for it
     */
    @PreAuthorize(ConnectionService.SETUP)
    @Transactional
    public GuardrailException request(ConnectionId id, String rule, @Nullable String justification) {
        String why = justification == null ? "" : justification.strip();
        if (why.length() < MIN_JUSTIFICATION) {
            throw new InvalidSetupException(
                    "justification",
                    "Say why the connection needs this exception (the business need): at least " + MIN_JUSTIFICATION
                            + " characters.");
        }
        Connection connection = store.current(id);
        GuardrailViolation violation = guardrails.violations(connection).stream()
                .filter(v -> v.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new InvalidSetupException(
                        "rule", "The connection does not break rule " + rule + "; there is nothing to except."));
        exceptions.closeExpired(id, rule);
        UUID exceptionId = UUID.randomUUID();
        if (!exceptions.insert(exceptionId, id, rule, violation.message(), why, CurrentTenant.actor())) {
            throw new InvalidSetupException(
                    "rule",
                    "An exception to rule " + rule + " is already asked for or " + "approved for this connection.");
        }
        setup.publishChange(id, "connection.exception_requested", Map.of("rule", rule, "justification", why));
        return exceptions.find(exceptionId).orElseThrow();
    }

    /**
     * Approves a request until the end of {@code until} (UTC).
     *
     * @throws InvalidSetupException when the date is past or more than a year away, the engineer asked for it, or it
     *     was decided already
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public GuardrailException approve(UUID id, LocalDate until, @Nullable String note) {
        Instant expires = until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = Instant.now();
        if (!expires.isAfter(now) || expires.isAfter(now.plus(EgressExceptionService.LONGEST_APPROVAL))) {
            throw new InvalidSetupException("until", "Choose a date from today to a year from now.");
        }
        return decide(id, true, note == null ? "" : note.strip(), expires);
    }

    /** @throws InvalidSetupException when there is no note, the engineer asked for it, or it was decided already */
    @PreAuthorize(ENGINEER)
    @Transactional
    public GuardrailException deny(UUID id, @Nullable String note) {
        String why = note == null ? "" : note.strip();
        if (why.length() < 5) {
            throw new InvalidSetupException("note", "Say why it is denied, for the customer to read.");
        }
        return decide(id, false, why, Instant.now());
    }

    private GuardrailException decide(UUID id, boolean approved, String note, Instant expires) {
        GuardrailException request =
                exceptions.find(id).orElseThrow(() -> new InvalidSetupException("id", "There is no such exception."));
        if (request.requestedBy().equals(CurrentTenant.actor())) {
            throw new InvalidSetupException("id", "Another engineer decides an exception you asked for.");
        }
        if (!exceptions.decide(id, approved, CurrentTenant.actor(), note, expires)) {
            throw new InvalidSetupException("id", "It was decided meanwhile; reload to see how.");
        }
        setup.publishChange(
                request.connectionId(),
                approved ? "connection.exception_approved" : "connection.exception_denied",
                approved
                        ? Map.of("rule", request.rule(), "until", expires.toString(), "note", note)
                        : Map.of("rule", request.rule(), "note", note));
        return exceptions.find(id).orElseThrow();
    }
}
