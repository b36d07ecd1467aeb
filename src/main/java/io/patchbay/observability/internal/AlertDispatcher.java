package io.patchbay.observability.internal;

import io.patchbay.tenancy.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes due deliveries from the outbox and sends them, on a thread of its own: claim (a short transaction that counts
 * the attempt and leases the row), send with no transaction open, record the outcome. Failures wait longer each time
 * ({@link AlertProperties#retries()}, with jitter) and fail for good when the waits are used up or the other end
 * refused outright. Every node runs one; {@code SKIP LOCKED} keeps them apart.
 */
@Component
public class AlertDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int BATCH = 20;

    private final AlertOutbox deliveries;
    private final AlertSends sends;
    private final AlertProperties properties;
    private final TransactionTemplate tx;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread thread;

    AlertDispatcher(
            AlertOutbox deliveries,
            AlertSends sends,
            AlertProperties properties,
            PlatformTransactionManager transactions) {
        this.deliveries = deliveries;
        this.sends = sends;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Something was queued: look now rather than at the next poll. */
    public void wake() {
        wakeups.release();
    }

    private void loop() {
        while (running) {
            try {
                int sent = dispatchDue();
                if (sent < BATCH) {
                    wakeups.tryAcquire(properties.poll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database away, say: the rows stay due and are claimed once it is back
                log.warn("Alert deliveries could not be dispatched: {}", e.getMessage());
                sleepQuietly(properties.poll());
            }
        }
    }

    /** Sends what is due now; returns how many were claimed. */
    int dispatchDue() {
        List<AlertOutbox.Claimed> claimed = tx.execute(s -> deliveries.claimDue(BATCH, properties.lease()));
        if (claimed == null) {
            return 0;
        }
        for (AlertOutbox.Claimed delivery : claimed) {
            AlertOutcome outcome = CurrentTenant.callAs(delivery.tenantId(), () -> send(delivery));
            tx.executeWithoutResult(s -> record(delivery, outcome));
        }
        return claimed.size();
    }

    private AlertOutcome send(AlertOutbox.Claimed delivery) {
        var target = new AlertSends.Target(
                delivery.channelId(), delivery.kind(), delivery.target(), delivery.secretCipher());
        return sends.send(target, sends.message("alert_" + delivery.id(), delivery.notice()));
    }

    private void record(AlertOutbox.Claimed delivery, AlertOutcome outcome) {
        switch (outcome.result()) {
            case SENT -> deliveries.sent(delivery.id(), outcome.detail());
            case GIVE_UP -> deliveries.failed(delivery.id(), outcome.detail());
            case RETRY -> {
                List<Duration> waits = properties.retries();
                if (delivery.attempts() > waits.size()) {
                    deliveries.failed(
                            delivery.id(), outcome.detail() + " (gave up after " + delivery.attempts() + " attempts)");
                } else {
                    Duration wait = waits.get(delivery.attempts() - 1);
                    // up to a tenth more, so deliveries that failed together do not all come back together
                    long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 10 + 1);
                    deliveries.retryAt(
                            delivery.id(),
                            outcome.detail(),
                            Instant.now().plus(wait).plusMillis(jitter));
                }
            }
        }
    }

    private static void sleepQuietly(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        if (!properties.dispatch()) {
            return;
        }
        Thread dispatcher = new Thread(this::loop, "alert-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        thread = dispatcher;
    }

    @Override
    public void stop() {
        running = false;
        Thread dispatcher = thread;
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the database pool closes
        return Integer.MAX_VALUE - 2000;
    }
}
