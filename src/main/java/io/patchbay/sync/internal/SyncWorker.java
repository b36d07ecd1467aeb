package io.patchbay.sync.internal;

import io.patchbay.base.PostgresChannel;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunQueued;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's run workers. Each worker claims a queued run, executes it and looks for the next; idle workers poll,
 * and {@link #wakeUp()} saves the wait for a run queued on this node or, through the channel {@link RunRepository#enqueue}
 * notifies, on any (polling stays: a notification missed while the database was away is caught up by it). A
 * heartbeat renews the lease of each run a worker thread is executing at that moment, never more: a run whose thread has let go of it (its end could not be recorded while the
 * database was away, say) keeps no lease alive, expires, and is handed back to the queue by any node.
 */
@Component
class SyncWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

    private final RunRepository runs;
    private final RunExecutor executor;
    private final TransactionTemplate tx;
    private final SyncProperties properties;
    private final PostgresChannel queueListener;
    private final String nodeId;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Map<String, RunId> executing = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers = Executors.newSingleThreadExecutor();
    private ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();

    SyncWorker(
            RunRepository runs,
            RunExecutor executor,
            TransactionTemplate tx,
            SyncProperties properties,
            DataSource dataSource) {
        this.runs = runs;
        this.queueListener = new PostgresChannel(
                dataSource, RunRepository.QUEUED_CHANNEL, payload -> wakeUp(), properties.pollInterval());
        this.executor = executor;
        this.tx = tx;
        this.properties = properties;
        this.nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running.set(true);
        workers = Executors.newFixedThreadPool(properties.workers(), named("sync-worker"));
        for (int i = 0; i < properties.workers(); i++) {
            String worker = nodeId + "#" + i;
            workers.submit(() -> loop(worker));
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(named("sync-lease"));
        long every = Math.max(1000, properties.lease().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        queueListener.start();
        log.info("{} sync workers started on node {}", properties.workers(), nodeId);
    }

    /** A run was queued on this node: idle workers pick it up once it is committed, not at their next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(RunQueued event) {
        wakeUp();
    }

    void wakeUp() {
        wakeUps.release(properties.workers());
    }

    private void loop(String worker) {
        while (running.get()) {
            try {
                tx.executeWithoutResult(s -> runs.reclaimExpired());
                Optional<ClaimedRun> claimed = tx.execute(s -> runs.claim(worker, properties.lease()));
                if (claimed != null && claimed.isPresent()) {
                    executing.put(worker, claimed.get().id());
                    try {
                        executor.execute(claimed.get(), worker, () -> !running.get());
                    } finally {
                        executing.remove(worker);
                    }
                    continue;
                }
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Sync worker {} hit an error and carries on", worker, e);
                sleep(properties.pollInterval());
            }
        }
    }

    private void renewLeases() {
        executing.forEach((worker, run) -> {
            try {
                tx.executeWithoutResult(s -> runs.heartbeat(run, worker, properties.lease()));
            } catch (RuntimeException e) {
                log.warn("Could not renew the lease of run {}", run, e);
            }
        });
    }

    @Override
    public void stop() {
        running.set(false);
        queueListener.stop();
        wakeUp();
        housekeeping.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < properties.workers(); i++) {
            String worker = nodeId + "#" + i;
            try {
                tx.executeWithoutResult(s -> runs.release(worker));
            } catch (RuntimeException e) {
                log.warn("Could not release runs of {}; their leases expire instead", worker, e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        // stop before the web server and the database pool go away
        return Integer.MAX_VALUE - 1000;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
