package io.patchbay.sync.internal;

/** What one page (or the end of a run) adds to a run's counts. */
public record PageCounts(int read, int written, int quarantined, int throttledCount, long throttledMillis) {}
