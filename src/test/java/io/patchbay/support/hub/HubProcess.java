package io.patchbay.support.hub;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One hub node as a separate operating-system process, started the way production starts it ({@code
 * io.patchbay.PatchbayApplication} on the runtime classpath, with the JIT compilers a production JVM has), with its
 * log in the scenario's directory. The fault suite kills it with SIGKILL (no shutdown hooks, no graceful stop: what a
 * crash, an OOM kill or a pulled plug does) and starts it again on the same port; the benchmarks read its memory.
 */
public final class HubProcess implements AutoCloseable {

    /** Written by the build before the integration tests: the hub's runtime dependencies, as a classpath. */
    static final String CLASSPATH_FILE = "hub.classpath";

    /** The heap the fault scenarios give a node: small enough that two nodes and the tests share the machine. */
    private static final String DEFAULT_MAX_HEAP = "768m";

    private static final int SIGKILL_EXIT_STATUS = 128 + 9;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // a failing or interrupted test JVM must not leave hubs behind on a shared machine
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "hub-process-reaper"));
    }

    private final String name;
    private final Path directory;
    private final int port;
    private final HubSettings settings;
    private final String maxHeap;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private Process process;
    private Path log;
    private int starts;

    public HubProcess(String name, Path directory, int port, HubSettings settings) {
        this(name, directory, port, settings, DEFAULT_MAX_HEAP);
    }

    /** @param maxHeap the JVM's {@code -Xmx}, e.g. {@code 1g} */
    public HubProcess(String name, Path directory, int port, HubSettings settings, String maxHeap) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.settings = settings.onPort(port);
        this.maxHeap = maxHeap;
    }

    /** Starts a new process of this node; its output goes to {@code <name>-<start>.log}. */
    public HubProcess start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        log = directory.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-cp",
                classpath(),
                "io.patchbay.PatchbayApplication"));
        command.addAll(settings.asArguments());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        LIVE.add(process);
        return this;
    }

    /** Waits until the node answers {@code /actuator/health} with 200; fails if its process ends first. */
    public HubProcess awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!alive()) {
                throw new IllegalStateException(
                        name + " ended with status " + process.exitValue() + " while starting:\n" + logTail());
            }
            if (health(Duration.ofSeconds(5)).status() == 200) {
                return this;
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " did not come up within " + timeout + ":\n" + logTail());
    }

    /**
     * Kills the node with SIGKILL and waits for the process to be gone; returns its pid. Fails unless the process
     * really ended by SIGKILL.
     */
    public long kill() {
        long pid = process.pid();
        process.destroyForcibly(); // SIGKILL on Linux; the exit status below proves it
        int status = waitForExit();
        if (status != SIGKILL_EXIT_STATUS) {
            throw new IllegalStateException(name + " (pid " + pid + ") ended with status " + status + ", not SIGKILL");
        }
        return pid;
    }

    /** A graceful stop (SIGTERM), for the end of a scenario. */
    public void stop() {
        if (alive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            waitForExit();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String webhookUrl(String connectionId) {
        return baseUrl() + "/hooks/" + connectionId;
    }

    /** {@code GET /actuator/health} with a client timeout: the status, or -1 with why there was none. */
    public Probe health(Duration timeout) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Probe(response.statusCode(), response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            return new Probe(-1, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Probe(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(-1, "interrupted");
        }
    }

    public record Probe(int status, String detail) {
        @Override
        public String toString() {
            return status < 0 ? detail : String.valueOf(status);
        }
    }

    public String logTail() {
        return log == null ? "(not started)" : HubFiles.tail(log, 80);
    }

    /**
     * The most memory the process has held so far (its resident set's high-water mark, {@code VmHWM}): the kernel
     * keeps the peak, so one reading after a run tells the peak during it without sampling.
     */
    public long peakResidentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No VmHWM for " + name));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the memory of " + name + " (pid " + pid() + ")", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private int waitForExit() {
        try {
            int status = process.waitFor();
            LIVE.remove(process);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code target/classes} and the runtime dependencies the build wrote down; outside Maven (an
     * IDE), this JVM's own classpath without the test classes.
     */
    private static String classpath() {
        String file = System.getProperty(CLASSPATH_FILE);
        if (file != null && Files.exists(Path.of(file))) {
            try {
                String dependencies = Files.readString(Path.of(file)).trim();
                return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + dependencies;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
