package io.patchbay.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.RecordsPushed;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunFinished;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Micrometer meters of what syncs do, by tenant (its id) and connector, on {@code /actuator/prometheus}: runs by
 * trigger and status, their durations, records read, written and quarantined, errors by class, throttling, pushed
 * messages, and the run queue's depth. Counted once each run's end or each pushed message has committed.
 */
@Component
class SyncMetrics {

    private final MeterRegistry registry;
    private final RunService runs;
    private final ConnectionService connections;

    SyncMetrics(MeterRegistry registry, RunService runs, ConnectionService connections) {
        this.registry = registry;
        this.runs = runs;
        this.connections = connections;
        Gauge.builder("patchbay.runs.queued", runs, RunService::queueDepth)
                .description("Runs waiting for a worker, every tenant")
                .register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunFinished event) {
        CurrentTenant.runAs(event.tenantId(), () -> runs.find(event.runId()).ifPresent(run -> count(event, run)));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RecordsPushed event) {
        Counter.builder("patchbay.inbound.messages")
                .description("Messages pushed to connections (webhook deliveries, uploaded files)")
                .tags(tags(event.tenantId(), event.connectionId()))
                .register(registry)
                .increment();
    }

    private void count(RunFinished event, Run run) {
        Tags tags = tags(event.tenantId(), event.connectionId());
        Counter.builder("patchbay.runs")
                .description("Runs ended, by trigger and status")
                .tags(tags.and(
                        "trigger",
                        run.trigger().dbValue(),
                        "status",
                        run.status().dbValue()))
                .register(registry)
                .increment();
        if (run.startedAt() != null && run.finishedAt() != null) {
            Timer.builder("patchbay.run.duration")
                    .description("From a run's start to its end")
                    .tags(tags.and("status", run.status().dbValue()))
                    .register(registry)
                    .record(java.util.Objects.requireNonNull(run.duration()));
        }
        records("read", tags, run.recordsRead());
        records("written", tags, run.recordsWritten());
        records("quarantined", tags, run.recordsQuarantined());
        if (run.errorClass() != null) {
            Counter.builder("patchbay.run.errors")
                    .description("Failed runs by error class")
                    .tags(tags.and("class", run.errorClass().name().toLowerCase(Locale.ROOT)))
                    .register(registry)
                    .increment();
        }
        if (run.throttled()) {
            Counter.builder("patchbay.run.throttled")
                    .description("Times an external system asked a run to slow down")
                    .tags(tags)
                    .register(registry)
                    .increment(run.throttledCount());
        }
    }

    private void records(String what, Tags tags, int count) {
        Counter.builder("patchbay.records")
                .description("Records read, written and quarantined by runs")
                .tags(tags.and("outcome", what))
                .register(registry)
                .increment(count);
    }

    private Tags tags(TenantId tenant, ConnectionId connection) {
        String connector = CurrentTenant.callAs(tenant, () -> connections.find(connection))
                .map(c -> c.connector())
                .orElse("unknown");
        return Tags.of("tenant", tenant.value().toString(), "connector", connector);
    }
}
