package io.patchbay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's plain-text report: what was measured and on what (options, server, commit, cores, the load before
 * and after), then its tables. Printed to the test's output and written to {@code target/bench/<name>.txt}, where
 * the {@code bench/} scripts print it from.
 */
final class BenchReport {

    static final Path DIRECTORY = Path.of("target", "bench").toAbsolutePath();

    private final String name;
    private final String loadBefore;
    private final List<String> lines = new ArrayList<>();

    BenchReport(String name, String title, BenchOptions options) {
        this.name = name;
        this.loadBefore = Machine.loadAverage();
        lines.add(title);
        lines.add(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " · commit " + Machine.commit() + " · "
                + options.describe() + " (" + BenchDatabase.server(options).serverVersion() + ")");
        lines.add("hub: a separate JVM as production runs it (-Xmx" + BenchRun.HUB_HEAP + ", full JIT), demo profile,"
                + " on a fresh database " + BenchDatabase.HUB + " of that server");
    }

    /** A line of context before the tables: how the hub ran, what the baseline is, what could not be measured. */
    BenchReport note(String line) {
        lines.add(line);
        return this;
    }

    BenchReport table(String caption, TextTable table) {
        lines.add("");
        lines.add(caption);
        lines.addAll(table.lines());
        return this;
    }

    /** Adds the machine's figures, prints the report and writes it; returns where. */
    Path publish() {
        List<String> all = new ArrayList<>(lines.subList(0, 2));
        all.add("machine: " + Machine.cores() + " cores; load average (1, 5, 15 min) before " + loadBefore + ", after "
                + Machine.loadAverage());
        all.addAll(lines.subList(2, lines.size()));
        String text = String.join(System.lineSeparator(), all) + System.lineSeparator();
        System.out.println(System.lineSeparator() + text);
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(name + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
