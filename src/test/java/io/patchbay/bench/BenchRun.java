package io.patchbay.bench;

import io.patchbay.support.hub.HubFiles;
import io.patchbay.support.hub.HubProcess;
import io.patchbay.support.hub.HubSettings;
import io.patchbay.support.hub.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One run of a benchmark: a directory of its own ({@code target/bench/<benchmark>/<run>/}: hub logs, the vault
 * keyset), a fresh hub database on the machine's PostgreSQL, the settings every node of the run shares and the port
 * the hub process listens on. Hub processes start as production starts them, with the heap a small production node
 * would have; closing the run stops those still running.
 */
final class BenchRun implements AutoCloseable {

    /** The hub's heap: what a small production node gets, and a ceiling that makes a leak show as a failure. */
    static final String HUB_HEAP = "1g";

    /** A daily schedule: no scheduled run of a benchmark's connection comes between the runs it measures. */
    static final int DAILY = 24 * 60;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;
    private final BenchDatabase database;
    private final HubSettings settings;
    private final int hubPort = HubFiles.freePort();
    private final List<HubProcess> hubs = new ArrayList<>();

    private BenchRun(Path directory, BenchDatabase database, HubSettings settings) {
        this.directory = directory;
        this.database = database;
        this.settings = settings;
    }

    /**
     * @param settings what this benchmark changes of the production-like settings (demo profile, the run's
     *     database and keyset)
     */
    static BenchRun fresh(BenchOptions options, String benchmark, String run, UnaryOperator<HubSettings> settings) {
        Path directory =
                HubFiles.emptied(BenchReport.DIRECTORY.resolve(benchmark).resolve(run));
        BenchDatabase database = BenchDatabase.fresh(options, BenchDatabase.HUB);
        return new BenchRun(directory, database, settings.apply(HubSettings.of(directory, database)));
    }

    /**
     * A sandbox CRM that starts with no contacts (the benchmark fills Acme's account itself) and whose own rate
     * limit nothing reaches: a source that is not the bottleneck.
     */
    static HubSettings unlimitedSandboxCrm(HubSettings settings) {
        return settings.withSandboxCrm(0, 1_000_000, "1s");
    }

    Path directory() {
        return directory;
    }

    BenchDatabase database() {
        return database;
    }

    Ledger ledger() {
        return new Ledger(database);
    }

    HubSettings settings() {
        return settings;
    }

    int hubPort() {
        return hubPort;
    }

    /** Starts a hub process on the run's port and waits until it answers; {@code name} names its log. */
    HubProcess startHub(String name) {
        return startHub(name, settings);
    }

    /** The same, with settings of its own (a switch the benchmark compares). */
    HubProcess startHub(String name, HubSettings own) {
        var hub = new HubProcess(name, directory, hubPort, own, HUB_HEAP);
        hubs.add(hub);
        return hub.start().awaitUp(START_TIMEOUT);
    }

    @Override
    public void close() {
        hubs.forEach(HubProcess::stop);
    }
}
