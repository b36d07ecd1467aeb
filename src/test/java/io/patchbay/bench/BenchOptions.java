package io.patchbay.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a benchmark is asked to do, from system properties ({@code -Dbench.runs=5}) with the defaults the issue set.
 * {@code bench.smoke=true} (the {@code faults} profile sets it) shrinks everything to one tiny run, to prove the
 * benchmarks still work rather than to measure anything.
 *
 * @param runs repetitions of each measurement, each with its baseline ({@code bench.runs}, 3)
 * @param sizes records per sync ({@code bench.sizes}, 10000,100000,1000000)
 * @param duration how long each load phase of the ingest benchmark lasts ({@code bench.seconds}, 20)
 * @param offeredRate messages per second the ingest benchmark's fixed load offers ({@code bench.rate}, 1000)
 * @param base contacts synced before the incremental runs ({@code bench.base}, 100000)
 * @param changed contacts changed before each incremental run ({@code bench.changed}, 100)
 * @param connections connections the console benchmark lists at size ({@code bench.connections}, 10000)
 * @param timelineRuns runs of the one connection whose pages the console benchmark opens at size
 *     ({@code bench.timeline-runs}, 1000000)
 * @param postgresHost the PostgreSQL server the hub and the baselines share ({@code bench.postgres}, 127.0.0.1:5432)
 */
record BenchOptions(
        boolean smoke,
        int runs,
        List<Integer> sizes,
        Duration duration,
        int offeredRate,
        int base,
        int changed,
        int connections,
        int timelineRuns,
        String postgresHost,
        int postgresPort) {

    static BenchOptions fromSystemProperties() {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        String[] postgres =
                System.getProperty("bench.postgres", "127.0.0.1:5432").split(":");
        if (smoke) {
            return new BenchOptions(
                    true, 1, List.of(500), Duration.ofSeconds(3), 100, 500, 10, 50, 500, postgres[0], port(postgres));
        }
        return new BenchOptions(
                false,
                Integer.getInteger("bench.runs", 3),
                Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000")
                                .split(","))
                        .map(String::trim)
                        .filter(size -> !size.isEmpty())
                        .map(size -> Integer.parseInt(size.replace("_", "")))
                        .toList(),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 20)),
                Integer.getInteger("bench.rate", 1_000),
                Integer.getInteger("bench.base", 100_000),
                Integer.getInteger("bench.changed", 100),
                Integer.getInteger("bench.connections", 10_000),
                Integer.getInteger("bench.timeline-runs", 1_000_000),
                postgres[0],
                port(postgres));
    }

    private static int port(String[] hostAndPort) {
        return hostAndPort.length > 1 ? Integer.parseInt(hostAndPort[1]) : 5432;
    }

    /** The options as the report's first lines state them. */
    String describe() {
        return (smoke ? "smoke run (bench.smoke): tiny sizes, nothing to compare; " : "") + "runs " + runs
                + ", PostgreSQL " + postgresHost + ":" + postgresPort;
    }
}
