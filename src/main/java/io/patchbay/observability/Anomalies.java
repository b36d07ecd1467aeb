package io.patchbay.observability;

import io.patchbay.sync.Run;
import io.patchbay.sync.RunStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a connection whose newest runs leave its own rolling baseline, from its run history alone:
 *
 * <ul>
 *   <li><b>Volume</b>: the newest successful sync read more than {@link #DEVIATIONS} standard deviations away from
 *       the mean of the {@value #VOLUME_BASELINE} successful syncs before it (and by more than a quarter of that
 *       mean and {@value #SMALL} records, so a steady source is not flagged for a handful of records), or read
 *       nothing where every one of them read at least {@value #SMALL}: a sudden drop to zero.
 *   <li><b>Failure rate</b>: the share of failed syncs among the newest {@value #FAILURE_WINDOW} is more than
 *       {@link #DEVIATIONS} standard errors above the share among the up to {@value #FAILURE_BASELINE} before them,
 *       and at least {@value #MIN_FAILURES} of them failed.
 * </ul>
 *
 * <p>Each needs a baseline ({@value #MIN_VOLUME_BASELINE} and {@value #MIN_FAILURE_BASELINE} syncs) before it says
 * anything: a new connection has no normal yet. The baseline rolls: a new level that lasts becomes the normal.
 */
final class Anomalies {

    /** How far from normal is abnormal, in standard deviations. */
    static final double DEVIATIONS = 3.0;

    static final int VOLUME_BASELINE = 20;
    static final int MIN_VOLUME_BASELINE = 5;
    /**
     * Volumes this small are noise, not a level: an incremental sync that reads a few changes and then none at night
     * is quiet, not broken.
     */
    static final int SMALL = 20;

    static final int FAILURE_WINDOW = 20;
    static final int FAILURE_BASELINE = 80;
    static final int MIN_FAILURE_BASELINE = 40;
    /** Fewer failures than this in the window are never a rise: two in twenty is bad luck, not a trend. */
    static final int MIN_FAILURES = 3;

    /** How many of a connection's newest runs the rules read. */
    static final int RUNS_READ = FAILURE_WINDOW + FAILURE_BASELINE;

    private Anomalies() {}

    /** What is abnormal, said for a person, with what to do. */
    record Anomaly(Kind kind, String reason, String fix) {}

    enum Kind {
        VOLUME,
        FAILURE_RATE
    }

    /** The anomaly of the newest runs (newest first), volume before failure rate; empty while all is normal. */
    static Optional<Anomaly> find(List<Run> newestFirst) {
        List<Run> finished = newestFirst.stream()
                .filter(run -> run.status().finished() && run.status() != RunStatus.CANCELLED)
                .toList();
        return volume(finished).or(() -> failureRate(finished));
    }

    private static Optional<Anomaly> volume(List<Run> finished) {
        List<Run> succeeded = finished.stream()
                .filter(run -> run.status() != RunStatus.FAILED)
                .toList();
        if (succeeded.isEmpty() || finished.get(0) != succeeded.get(0)) {
            return Optional.empty(); // the newest sync failed: that is the health rules' to tell
        }
        List<Run> baseline = succeeded.stream().skip(1).limit(VOLUME_BASELINE).toList();
        if (baseline.size() < MIN_VOLUME_BASELINE) {
            return Optional.empty();
        }
        int read = succeeded.get(0).recordsRead();
        double mean = baseline.stream().mapToInt(Run::recordsRead).average().orElse(0);
        double variance = baseline.stream()
                .mapToDouble(run -> Math.pow(run.recordsRead() - mean, 2))
                .average()
                .orElse(0);
        double deviation = Math.sqrt(variance);
        int lowest = baseline.stream().mapToInt(Run::recordsRead).min().orElse(0);
        int highest = baseline.stream().mapToInt(Run::recordsRead).max().orElse(0);
        String normal = String.format(
                Locale.ROOT,
                "the %d before it read %s (%.0f on average)",
                baseline.size(),
                lowest == highest ? String.valueOf(lowest) : lowest + " to " + highest,
                mean);
        if (read == 0 && lowest >= SMALL) {
            return Optional.of(new Anomaly(
                    Kind.VOLUME,
                    "Record volume dropped to zero: the last sync read no records; " + normal + ".",
                    "Check the source system: a filter, a permission or an export that stopped. Run now to check "
                            + "again."));
        }
        double distance = Math.abs(read - mean);
        if (distance > DEVIATIONS * deviation && distance > mean / 4 && distance >= SMALL) {
            return Optional.of(new Anomaly(
                    Kind.VOLUME,
                    "Record volume is unusual: the last sync read " + read + " records; " + normal + ".",
                    read > mean
                            ? "Check whether the source changed many records at once (an import, a migration) or "
                                    + "sends duplicates."
                            : "Check the source system: a filter, a permission or an export that stopped."));
        }
        return Optional.empty();
    }

    private static Optional<Anomaly> failureRate(List<Run> finished) {
        if (finished.size() < FAILURE_WINDOW + MIN_FAILURE_BASELINE) {
            return Optional.empty();
        }
        List<Run> window = finished.subList(0, FAILURE_WINDOW);
        List<Run> baseline =
                finished.subList(FAILURE_WINDOW, Math.min(finished.size(), FAILURE_WINDOW + FAILURE_BASELINE));
        long failedNow = failures(window);
        long failedBefore = failures(baseline);
        double now = (double) failedNow / window.size();
        // a baseline with no failures is taken as one in its size, so one failure now is not a surprise
        double before = Math.max(failedBefore, 1) / (double) baseline.size();
        double standardError = Math.sqrt(before * (1 - before) / window.size());
        if (failedNow >= MIN_FAILURES && now - before > DEVIATIONS * standardError) {
            return Optional.of(new Anomaly(
                    Kind.FAILURE_RATE,
                    String.format(
                            Locale.ROOT,
                            "Failures rose: %d of the last %d syncs failed, against %d of the %d before them.",
                            failedNow,
                            window.size(),
                            failedBefore,
                            baseline.size()),
                    "Open the failed runs in the timeline: the same error again and again points to its fix."));
        }
        return Optional.empty();
    }

    private static long failures(List<Run> runs) {
        return runs.stream().filter(run -> run.status() == RunStatus.FAILED).count();
    }
}
