package io.patchbay.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ingest benchmark's baseline: PostgreSQL's own {@code pgbench} inserting single rows, a uuid key and a jsonb
 * body the size of a webhook's, from as many clients as the webhooks had senders, into {@value #TABLE} of the same
 * database. What the server takes when every insert is its own transaction and nothing else is in the way.
 */
final class Pgbench {

    static final String TABLE = "bench_ingest";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final BenchDatabase database;
    private final Path directory;

    /** @param directory where the script and pgbench's output are kept */
    Pgbench(BenchDatabase database, Path directory) {
        this.database = database;
        this.directory = directory;
    }

    /** Inserts for {@code duration} from {@code clients} clients; returns the transactions per second it reports. */
    double insertsPerSecond(String body, int clients, Duration duration) {
        database.execute("drop table if exists " + TABLE);
        database.execute("create table " + TABLE + " (id uuid primary key, body jsonb not null)");
        try {
            Path script = Files.writeString(
                    directory.resolve("pgbench-insert.sql"),
                    "insert into " + TABLE + " (id, body) values (gen_random_uuid(), '" + body.replace("'", "''")
                            + "');\n");
            Path output = directory.resolve("pgbench.log");
            Process pgbench = new ProcessBuilder(
                            executable().toString(),
                            "-n",
                            "-c",
                            String.valueOf(clients),
                            "-j",
                            "2",
                            "-T",
                            String.valueOf(duration.toSeconds()),
                            "-f",
                            script.toString(),
                            "-h",
                            database.host(),
                            "-p",
                            String.valueOf(database.port()),
                            "-U",
                            "postgres",
                            database.name())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!pgbench.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                pgbench.destroyForcibly();
                throw new IllegalStateException("pgbench did not end; see " + output);
            }
            String report = Files.readString(output);
            Matcher tps = TPS.matcher(report);
            if (pgbench.exitValue() != 0 || !tps.find()) {
                throw new IllegalStateException("pgbench failed (" + pgbench.exitValue() + "):\n" + report);
            }
            return Double.parseDouble(tps.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code pgbench} on the PATH, else the newest under Debian's {@code /usr/lib/postgresql/<version>/bin}. */
    private static Path executable() {
        Optional<Path> onPath = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> Path.of(entry, "pgbench"))
                .filter(Files::isExecutable)
                .findFirst();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> newest = versions.filter(
                            version -> version.getFileName().toString().matches("\\d+"))
                    .filter(version -> Files.isExecutable(version.resolve("bin/pgbench")))
                    .max(Comparator.comparingInt(
                            version -> Integer.parseInt(version.getFileName().toString())));
            if (newest.isPresent()) {
                return newest.get().resolve("bin/pgbench");
            }
        } catch (IOException e) {
            // no Debian layout: the message below says what to do
        }
        throw new IllegalStateException("pgbench was not found on PATH or under /usr/lib/postgresql/*/bin:"
                + " install PostgreSQL's server package, which has it (Debian: postgresql)");
    }
}
