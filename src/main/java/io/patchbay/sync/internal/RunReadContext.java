package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.HttpCall;
import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.connection.InboundService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What a connector sees of the run it reads for: the run's correlation id, whether to stop, and the data pushed to its
 * connection. It keeps the requests the connector made and the waits its pace imposed until the next page's commit
 * takes them into the run's log and counts. The next page is read while the last is written, from another thread, so
 * a page's log may hold requests of the read after it, in time order.
 */
final class RunReadContext implements ReadContext {

    private final ClaimedRun run;
    private final BooleanSupplier stopping;
    private final InboundService inbound;
    private final Queue<RunLogRepository.Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicLong throttledMillis = new AtomicLong();

    RunReadContext(ClaimedRun run, BooleanSupplier stopping, InboundService inbound) {
        this.run = run;
        this.stopping = stopping;
        this.inbound = inbound;
    }

    @Override
    public String correlationId() {
        return run.correlationId();
    }

    @Override
    public boolean cancelled() {
        return stopping.getAsBoolean();
    }

    @Override
    public void throttled(Duration waited) {
        throttled.incrementAndGet();
        throttledMillis.addAndGet(waited.toMillis());
    }

    @Override
    public void requested(HttpCall call) {
        requests.add(new RunLogRepository.Request(Instant.now(), call));
    }

    @Override
    public List<PushedRecord> pushed(PushedRecord.Position after, int limit) {
        return inbound.pushed(run.connectionId(), after, limit);
    }

    /** The requests made since the last take, oldest first. */
    List<RunLogRepository.Request> takeRequests() {
        List<RunLogRepository.Request> taken = new ArrayList<>();
        for (RunLogRepository.Request request; (request = requests.poll()) != null; ) {
            taken.add(request);
        }
        return taken;
    }

    /** A page's counts, with the throttling seen since the last take. */
    PageCounts counts(int read, int written, int quarantined) {
        return new PageCounts(read, written, quarantined, throttled.getAndSet(0), throttledMillis.getAndSet(0));
    }
}
