package io.patchbay.observability;

import io.patchbay.base.AfterCommit;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionState;
import io.patchbay.tenancy.CurrentTenant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pauses a connection whose runs left their baseline, where its admins asked for that, and tells them. It follows the
 * health evaluation that found the anomaly, once that has committed, on a thread of its own: pausing tells the
 * connector (a remote call), which never runs inside a transaction.
 */
@Component
class AnomalyPause {

    private static final Logger log = LoggerFactory.getLogger(AnomalyPause.class);

    private final ConnectionLifecycle lifecycle;
    private final Notices notices;
    private final TransactionTemplate tx;
    private final ExecutorService pauses = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anomaly-pauses");
        thread.setDaemon(true);
        return thread;
    });

    AnomalyPause(ConnectionLifecycle lifecycle, Notices notices, PlatformTransactionManager transactions) {
        this.lifecycle = lifecycle;
        this.notices = notices;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Pauses the connection once the current transaction (the evaluation that found the anomaly) commits. */
    void afterCommit(Connection connection, Anomalies.Anomaly anomaly) {
        AfterCommit.run(() -> {
            try {
                pauses.execute(() -> pause(connection, anomaly));
            } catch (RejectedExecutionException e) {
                log.info("Shutting down: connection {} was not paused on its anomaly", connection.id());
            }
        });
    }

    private void pause(Connection connection, Anomalies.Anomaly anomaly) {
        try {
            CurrentTenant.runAs(connection.tenantId(), () -> {
                if (lifecycle.pauseOnAnomaly(connection.id()).state() == ConnectionState.PAUSED) {
                    tx.executeWithoutResult(s -> notices.pausedOnAnomaly(connection, anomaly.reason()));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Connection {} could not be paused on its anomaly", connection.id(), e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        pauses.shutdownNow();
    }
}
