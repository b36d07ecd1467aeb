package io.patchbay.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A scenario's figures (messages sent, acknowledged and applied, kills, how long recovery took), printed to the test
 * log as they are known and collected in {@code target/faults/figures.txt}. They are reported, never asserted on.
 */
final class Figures {

    private final String scenario;

    Figures(String scenario) {
        this.scenario = scenario;
    }

    void note(String figure, Object value) {
        String line = "[faults] " + scenario + ": " + figure + " = " + format(value);
        System.out.println(line);
        try {
            Files.createDirectories(FaultFiles.ROOT);
            Files.writeString(
                    FaultFiles.ROOT.resolve("figures.txt"),
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Object value) {
        if (value instanceof Duration duration) {
            return String.format("%.1f s", duration.toMillis() / 1000.0);
        }
        return String.valueOf(value);
    }
}
