package io.patchbay.connection.internal;

import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for short pieces of database work that arrive concurrently, such as staging webhook deliveries: each
 * caller hands over its work and waits; a committer takes every piece waiting (up to {@value #MOST}) and runs them in
 * one transaction, then answers each caller once that transaction has committed. A burst of deliveries costs a few
 * commits instead of one each, and no request thread holds a database connection while it waits.
 *
 * <p>A caller is answered only after the commit that holds its work, so what it acknowledges is durable. When any
 * piece of a batch fails, the batch is rolled back and each of its pieces is run again in a transaction of its own,
 * so one bad piece fails only its own caller. Pieces are ordered by their key (the connection) within a batch, so two
 * committers take row locks in the same order and do not deadlock.
 */
@Component
public class SharedCommits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SharedCommits.class);
    static final int MOST = 64;
    private static final int COMMITTERS = 2;

    private final TransactionTemplate tx;
    private final BlockingQueue<Work<?>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running;

    SharedCommits(PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Runs {@code work} in the tenant's scope inside a transaction shared with other callers', and returns its result
     * once that transaction has committed; throws what the work threw, or why the commit failed.
     */
    public <T> T run(TenantId tenant, Object key, Supplier<T> work) {
        if (!running) {
            return tx.execute(s -> CurrentTenant.callAs(tenant, work));
        }
        var piece = new Work<>(tenant, key.toString(), work);
        waiting.add(piece);
        try {
            return piece.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void commitLoop() {
        List<Work<?>> batch = new ArrayList<>(MOST);
        while (running || !waiting.isEmpty()) {
            try {
                Work<?> first = waiting.take();
                batch.add(first);
                waiting.drainTo(batch, MOST - 1);
                batch.sort(Comparator.comparing(Work::key));
                commit(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                log.error("Shared commit failed unexpectedly", e);
                batch.forEach(piece -> piece.done.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Work<?>> batch) {
        if (batch.size() > 1) {
            try {
                tx.executeWithoutResult(s -> batch.forEach(Work::runInTransaction));
                batch.forEach(Work::answer);
                return;
            } catch (RuntimeException e) {
                log.debug("A batch of {} failed; each piece runs on its own", batch.size(), e);
            }
        }
        for (Work<?> piece : batch) {
            try {
                tx.executeWithoutResult(s -> piece.runInTransaction());
                piece.answer();
            } catch (RuntimeException e) {
                piece.done.completeExceptionally(e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= COMMITTERS; i++) {
            Thread committer = new Thread(this::commitLoop, "shared-commit-" + i);
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    @Override
    public void stop() {
        running = false;
        committers.forEach(Thread::interrupt);
        for (Thread committer : committers) {
            try {
                committer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        committers.clear();
        // whoever still waits was never committed: they are told so and their senders retry
        Work<?> left;
        while ((left = waiting.poll()) != null) {
            left.done.completeExceptionally(new IllegalStateException("Patchbay is shutting down"));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the database pool closes, after the web server stops taking requests
        return Integer.MAX_VALUE - 2000;
    }

    /** One caller's piece of work, its result held until the transaction that ran it has committed. */
    private static final class Work<T> {
        private final TenantId tenant;
        private final String key;
        private final Supplier<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;

        Work(TenantId tenant, String key, Supplier<T> work) {
            this.tenant = tenant;
            this.key = key;
            this.work = work;
        }

        String key() {
            return key;
        }

        void runInTransaction() {
            result = CurrentTenant.callAs(tenant, work);
        }

        void answer() {
            done.complete(result);
        }
    }
}
