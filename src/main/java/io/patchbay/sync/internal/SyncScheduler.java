package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionActivated;
import io.patchbay.connection.ConnectionChanged;
import io.patchbay.connection.ConnectionDeleted;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionPaused;
import io.patchbay.connection.ConnectionResumed;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.connection.RecordsPushed;
import io.patchbay.sync.RunQueued;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps one Quartz trigger per active connection. Quartz only decides when: its job queues a run. Listeners run in
 * the transaction that changed the connection, and Quartz's job store joins it, so state and schedule change
 * together or not at all.
 */
@Component
public class SyncScheduler {

    static final String GROUP = "connection-sync";

    /** The key of the connections whose pushed data the current transaction has queued a run for. */
    private static final Object PUSHED_IN_TRANSACTION = new Object();

    private final Scheduler scheduler;
    private final RunRepository runs;
    private final ConnectionService connections;
    private final ApplicationEventPublisher events;

    SyncScheduler(
            Scheduler scheduler, RunRepository runs, ConnectionService connections, ApplicationEventPublisher events) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.connections = connections;
        this.events = events;
    }

    @EventListener
    void on(ConnectionActivated event) {
        if (!event.pushed()) {
            schedule(event.tenantId(), event.connectionId(), event.scheduleMinutes());
        }
        events.publishEvent(
                new RunQueued(event.connectionId(), runs.enqueue(event.connectionId(), RunTrigger.ACTIVATION)));
    }

    @EventListener
    void on(ConnectionResumed event) {
        if (event.pushed()) {
            // what arrived while paused was kept; apply it now
            events.publishEvent(
                    new RunQueued(event.connectionId(), runs.enqueue(event.connectionId(), RunTrigger.PUSH)));
        } else {
            schedule(event.tenantId(), event.connectionId(), event.scheduleMinutes());
        }
    }

    /**
     * Data arrived for an active connection: run at once, in the transaction that staged it. A transaction that stages
     * many messages for one connection (shared commits) queues its run once: the first message's check and queued run
     * hold for the rest.
     */
    @EventListener
    void on(RecordsPushed event) {
        if (!firstInTransaction(event.connectionId())) {
            return;
        }
        boolean active = connections
                .find(event.connectionId())
                .filter(c -> c.state() == ConnectionState.ACTIVE)
                .isPresent();
        if (active) {
            events.publishEvent(
                    new RunQueued(event.connectionId(), runs.enqueue(event.connectionId(), RunTrigger.PUSH)));
        }
    }

    /** Whether this is the first time the current transaction asks for this connection. */
    private static boolean firstInTransaction(ConnectionId connection) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Set<ConnectionId> seen =
                (Set<ConnectionId>) TransactionSynchronizationManager.getResource(PUSHED_IN_TRANSACTION);
        if (seen == null) {
            Set<ConnectionId> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(PUSHED_IN_TRANSACTION, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PUSHED_IN_TRANSACTION);
                }
            });
            seen = fresh;
        }
        return seen.add(connection);
    }

    @EventListener
    void on(ConnectionPaused event) {
        unschedule(event.connectionId());
    }

    @EventListener
    void on(ConnectionDeleted event) {
        unschedule(event.connectionId());
    }

    @EventListener
    void on(ConnectionChanged event) {
        if ("connection.consented".equals(event.action())) {
            // access was granted again: a sync checks it now rather than at the next schedule
            connections
                    .find(event.connectionId())
                    .filter(c -> c.state() == ConnectionState.ACTIVE)
                    .ifPresent(c ->
                            events.publishEvent(new RunQueued(c.id(), runs.enqueue(c.id(), RunTrigger.RECONNECT))));
            return;
        }
        if (!"connection.schedule_changed".equals(event.action())) {
            return;
        }
        connections
                .find(event.connectionId())
                .filter(c -> c.state() == ConnectionState.ACTIVE)
                .ifPresent(c -> schedule(c.tenantId(), c.id(), c.scheduleMinutes()));
    }

    /** When the connection's schedule fires next; empty when it has none (draft or paused). */
    public Optional<Instant> nextRun(ConnectionId connection) {
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(connection.toString(), GROUP));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not read the schedule", e);
        }
    }

    private void schedule(TenantId tenant, ConnectionId connection, int minutes) {
        var job = JobBuilder.newJob(ScheduledSyncJob.class)
                .withIdentity(JobKey.jobKey(connection.toString(), GROUP))
                .usingJobData(ScheduledSyncJob.TENANT, tenant.toString())
                .usingJobData(ScheduledSyncJob.CONNECTION, connection.toString())
                .storeDurably(false)
                .build();
        var trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(connection.toString(), GROUP))
                .forJob(job)
                .startAt(Date.from(Instant.now().plusSeconds(minutes * 60L)))
                .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(minutes)
                        // a node that was down does not replay every missed slot: one run catches up
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not schedule connection " + connection, e);
        }
    }

    private void unschedule(ConnectionId connection) {
        try {
            scheduler.deleteJob(JobKey.jobKey(connection.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not unschedule connection " + connection, e);
        }
    }
}
