package io.patchbay.sync;

import io.patchbay.sync.internal.RunLogRepository;
import io.patchbay.sync.internal.RunRepository;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One run of the current tenant in full: its counts, error and checkpoints, and its structured log. */
@Service
public class RunDetails {

    /** The most lines a run's page shows at once; a search narrows them. */
    public static final int LOG_LINES = 2_000;

    private final RunRepository runs;
    private final RunLogRepository log;

    RunDetails(RunRepository runs, RunLogRepository log) {
        this.runs = runs;
        this.log = log;
    }

    /** Empty when there is no such run in the tenant. */
    @Transactional(readOnly = true)
    public Optional<RunDetail> find(RunId run) {
        return runs.detail(run);
    }

    /** The run's log, oldest first; with {@code search}, only the lines that contain it (ignoring case). */
    @Transactional(readOnly = true)
    public List<RunEvent> log(RunId run, @Nullable String search) {
        return log.events(run, search, LOG_LINES);
    }
}
