package io.patchbay.sync.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops run log lines older than {@code patchbay.sync.run-log-retention} (30 days unless set), every hour on each
 * node: deleting what another node deleted already is harmless.
 */
@Component
class RunLogRetention {

    private static final Logger log = LoggerFactory.getLogger(RunLogRetention.class);

    private final RunLogRepository runLog;
    private final TransactionTemplate tx;
    private final Duration retention;

    RunLogRetention(
            RunLogRepository runLog,
            TransactionTemplate tx,
            @Value("${patchbay.sync.run-log-retention:30d}") Duration retention) {
        this.runLog = runLog;
        this.tx = tx;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void dropOld() {
        Integer dropped = tx.execute(s -> runLog.dropBefore(Instant.now().minus(retention)));
        if (dropped != null && dropped > 0) {
            log.info("Dropped {} run log lines older than {}", dropped, retention);
        }
    }
}
