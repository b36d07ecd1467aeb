package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionId;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Fired by a connection's Quartz trigger: queues a scheduled run and nothing more. */
public class ScheduledSyncJob implements Job {

    static final String TENANT = "tenantId";
    static final String CONNECTION = "connectionId";

    // Quartz creates jobs itself; Spring's job factory injects these afterwards
    @Autowired
    private RunRepository runs;

    @Autowired
    private TransactionTemplate tx;

    @Autowired
    private SyncWorker worker;

    @Override
    public void execute(JobExecutionContext context) {
        var data = context.getMergedJobDataMap();
        TenantId tenant = TenantId.of(data.getString(TENANT));
        var connection = ConnectionId.parse(data.getString(CONNECTION)).orElseThrow();
        CurrentTenant.runAs(tenant, () -> tx.executeWithoutResult(s -> runs.enqueue(connection, RunTrigger.SCHEDULE)));
        worker.wakeUp();
    }
}
