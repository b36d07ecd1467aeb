package io.patchbay.observability;

import io.patchbay.audit.Actions;
import io.patchbay.base.AfterCommit;
import io.patchbay.base.Correlation;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionActivated;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionPaused;
import io.patchbay.connection.ConnectionResumed;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.GuardrailException;
import io.patchbay.connection.GuardrailExceptions;
import io.patchbay.connection.Guardrails;
import io.patchbay.observability.internal.HealthRepository;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunFinished;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import io.patchbay.validation.ValidationRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each connection's stored health true. Whatever can change it (a run ends; a person activates, pauses, resumes,
 * changes or reconnects a connection, deals with its quarantine or its exceptions) marks the connection's health stale
 * in that transaction, and it is evaluated by {@link HealthRules} right after the commit (on a thread of its own), in a
 * transaction of its own
 * that also records a transition when the health changed. A sweep evaluates what was marked and not evaluated (a node
 * died in between) and what must be looked at again at a time (an exception running out).
 */
@Component
class HealthEvaluator {

    private static final Logger log = LoggerFactory.getLogger(HealthEvaluator.class);
    /** How long a stale mark may wait for its own evaluation before the sweep takes it. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private static final int SWEEP_BATCH = 200;

    private final HealthRepository stored;
    private final ConnectionService connections;
    private final RunService runs;
    private final Quarantine quarantine;
    private final TemplateLibrary templates;
    private final Guardrails guardrails;
    private final GuardrailExceptions exceptions;
    private final ConsentService consents;
    private final Notices notices;
    private final AnomalyPause anomalyPause;
    private final TransactionTemplate ownTransaction;
    private final java.util.Set<ConnectionId> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService evaluations =
            java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "health-evaluations");
                thread.setDaemon(true);
                return thread;
            });

    HealthEvaluator(
            HealthRepository stored,
            ConnectionService connections,
            RunService runs,
            Quarantine quarantine,
            TemplateLibrary templates,
            Guardrails guardrails,
            GuardrailExceptions exceptions,
            ConsentService consents,
            Notices notices,
            AnomalyPause anomalyPause,
            PlatformTransactionManager transactions) {
        this.notices = notices;
        this.anomalyPause = anomalyPause;
        this.stored = stored;
        this.connections = connections;
        this.runs = runs;
        this.quarantine = quarantine;
        this.templates = templates;
        this.guardrails = guardrails;
        this.exceptions = exceptions;
        this.consents = consents;
        this.ownTransaction = new TransactionTemplate(transactions);
        // after a commit the finished transaction's resources are still bound: a new one, never a joined one
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(RunFinished event) {
        changed(
                event.tenantId(),
                event.connectionId(),
                "Run " + event.correlationId() + " ended: "
                        + event.status().label().toLowerCase(Locale.ROOT),
                event.correlationId());
    }

    @EventListener
    void on(ConnectionActivated event) {
        changed(
                event.tenantId(),
                event.connectionId(),
                event.actor() + " " + Actions.done("connection.activated"),
                null);
    }

    @EventListener
    void on(ConnectionPaused event) {
        changed(event.tenantId(), event.connectionId(), event.actor() + " " + Actions.done("connection.paused"), null);
    }

    @EventListener
    void on(ConnectionResumed event) {
        changed(event.tenantId(), event.connectionId(), event.actor() + " " + Actions.done("connection.resumed"), null);
    }

    /** Every audited change: settings, schedule, consent, quarantine, exceptions, upgrades. */
    @EventListener
    void on(ConnectionChanged event) {
        changed(event.tenantId(), event.connectionId(), event.actor() + " " + Actions.done(event.action()), null);
    }

    /** Marks the connection's health stale in the current transaction, and evaluates it once that commits. */
    private void changed(TenantId tenant, ConnectionId connection, String cause, @Nullable String runCorrelation) {
        // a run names itself; a person's change is the request that made it
        String correlationId = runCorrelation != null ? runCorrelation : Correlation.currentOrNull();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            CurrentTenant.runAs(tenant, () -> stored.markStale(connection, cause, correlationId));
            AfterCommit.run(() -> evaluateSoon(tenant, connection));
        } else {
            CurrentTenant.runAs(
                    tenant,
                    () -> ownTransaction.executeWithoutResult(s -> stored.markStale(connection, cause, correlationId)));
            evaluate(tenant, connection);
        }
    }

    /**
     * Evaluates on a thread of its own, not the committing one: that one still holds its finished transaction's
     * connection until the commit returns, and a second connection for each of many concurrent changes would empty the
     * pool (twelve people at once did). Evaluations of one connection queued together run once.
     */
    private void evaluateSoon(TenantId tenant, ConnectionId connection) {
        if (!queued.add(connection)) {
            return;
        }
        try {
            evaluations.execute(() -> {
                queued.remove(connection);
                evaluate(tenant, connection);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(connection); // shutting down: the sweep of a node that runs takes it
        }
    }

    @jakarta.annotation.PreDestroy
    void stopEvaluations() {
        evaluations.shutdownNow();
    }

    /** Evaluates the connection's health if it is due; a failure is logged and left to the sweep. */
    void evaluate(TenantId tenant, ConnectionId connection) {
        try {
            CurrentTenant.runAs(tenant, () -> ownTransaction.executeWithoutResult(s -> evaluateLocked(connection)));
        } catch (RuntimeException e) {
            log.warn("Health of connection {} not evaluated now; the sweep tries again", connection, e);
        }
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void sweep() {
        List<HealthRepository.Due> due = ownTransaction.execute(s -> stored.due(GRACE, SWEEP_BATCH));
        for (HealthRepository.Due row : Objects.requireNonNull(due)) {
            evaluate(row.tenant(), row.connection());
        }
    }

    private void evaluateLocked(ConnectionId id) {
        HealthRepository.Current current = stored.lock(id).orElse(null);
        if (current == null) {
            return; // deleted: its health went with it
        }
        if (!current.due()) {
            return; // another evaluation got here first
        }
        // read after the locks: what the change that marked it committed
        Connection connection = connections.find(id).orElseThrow();
        if (connection.isDraft()) {
            stored.remove(id);
            return;
        }
        List<Run> recent = runs.recentRuns(id, Anomalies.RUNS_READ);
        ConnectorSpec spec = connections.spec(connection);
        double allowed = templates
                .find(connection.templateId(), connection.templateVersion())
                .map(template -> template.validation().quarantineAbovePercent())
                .orElse(ValidationRules.DEFAULT_QUARANTINE_ABOVE_PERCENT);
        Health health = HealthRules.health(new HealthRules.Inputs(
                connection,
                recent,
                quarantineState(id, allowed),
                guardrails.lapsed(connection).orElse(null),
                spec.can(ConnectorSpec.Capability.CONSENT)
                        ? consents.consent(id).orElse(null)
                        : null));
        Instant now = Instant.now();
        boolean changed = current.status() != health.status();
        Run last = recent.stream()
                .filter(run -> run.status().finished())
                .findFirst()
                .orElse(null);
        ConnectionHealth evaluated = new ConnectionHealth(
                id,
                connection.tenantId(),
                connection.name(),
                spec.displayName(),
                connection.state(),
                connection.scheduleMinutes(),
                spec.pushed(),
                health,
                last != null && last.status() == RunStatus.FAILED ? last.errorClass() : null,
                last == null
                        ? null
                        : new ConnectionHealth.LastRun(
                                last.id(), last.status(), Objects.requireNonNull(last.finishedAt())),
                changed || current.since() == null ? now : current.since(),
                now);
        stored.store(evaluated, nextExpiry(id, now));
        if (changed) {
            stored.transition(new HealthTransition(
                    id,
                    now,
                    current.status(),
                    health.status(),
                    health.reason(),
                    current.cause() == null ? "An approved exception ran out" : current.cause(),
                    current.correlationId()));
            notices.transition(evaluated, current.status(), current.correlationId());
            Anomalies.find(recent)
                    .filter(anomaly -> health.status() == HealthStatus.DEGRADED
                            && health.reason().equals(anomaly.reason()))
                    .filter(anomaly -> connection.pauseOnAnomaly() && connection.state() == ConnectionState.ACTIVE)
                    .ifPresent(anomaly -> anomalyPause.afterCommit(connection, anomaly));
        }
    }

    private HealthRules.QuarantineState quarantineState(ConnectionId id, double allowed) {
        int open = quarantine.count(QuarantineFilter.of(id));
        // the connection's stored records are counted only when some wait: the share is all they are read for
        return new HealthRules.QuarantineState(open, open == 0 ? 0 : runs.linkedRecords(id), allowed);
    }

    /** When an approved exception of the connection runs out next: its health may change then. */
    private @Nullable Instant nextExpiry(ConnectionId id, Instant now) {
        return exceptions.open(id).stream()
                .filter(exception -> exception.waives(now))
                .map(GuardrailException::expiresAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }
}
