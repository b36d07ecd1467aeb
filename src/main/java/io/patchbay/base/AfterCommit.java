package io.patchbay.base;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must only follow a commit: nothing of it happens for a transaction that rolls back. */
public final class AfterCommit {

    private AfterCommit() {}

    /**
     * Runs {@code work} once the current transaction has committed, or at once where no transaction is in progress.
     * The committed transaction's connection is still held while it runs: work that needs the database runs in a
     * transaction of its own, ideally on another thread.
     */
    public static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
