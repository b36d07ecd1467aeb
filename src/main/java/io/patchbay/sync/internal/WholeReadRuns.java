package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.WholeReads;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunQueued;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Validate everything as runs of their own trigger, queued apart from syncs ({@link EverythingRead} reads). */
@Component
class WholeReadRuns implements WholeReads {

    private final RunRepository runs;
    private final ApplicationEventPublisher events;

    WholeReadRuns(RunRepository runs, ApplicationEventPublisher events) {
        this.runs = runs;
        this.events = events;
    }

    @Override
    @Transactional
    public WholeRead start(ConnectionId connection) {
        Optional<Run> running =
                runs.newest(connection, RunTrigger.DRY_RUN).filter(run -> run.status() == RunStatus.RUNNING);
        if (running.isPresent()) {
            return of(running.get());
        }
        var queued = runs.enqueue(connection, RunTrigger.DRY_RUN);
        events.publishEvent(new RunQueued(connection, queued));
        return runs.find(queued).map(WholeReadRuns::of).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WholeRead> newest(ConnectionId connection) {
        return runs.newest(connection, RunTrigger.DRY_RUN).map(WholeReadRuns::of);
    }

    private static WholeRead of(Run run) {
        return new WholeRead(
                run.correlationId(),
                run.recordsRead(),
                run.finishedAt(),
                run.status() == RunStatus.FAILED || run.status() == RunStatus.CANCELLED
                        ? (run.errorMessage() == null ? "It was cancelled." : run.errorMessage())
                                + (run.errorFix() == null ? "" : " " + run.errorFix())
                        : null);
    }
}
