package io.patchbay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server time of what a browser asked for, read from the hub's access log ({@link #PATTERN}: method, path,
 * status and the time Tomcat took, in microseconds): every request the page made while it loaded, its document, its
 * scripts and each round trip of the UI (grid data included), summed.
 */
final class ServerTimes {

    /** Tomcat's access log pattern the hub is started with: %D is microseconds since Tomcat 10. */
    static final String PATTERN = "%m %U %s %D";

    private final Path log;
    private long mark;

    ServerTimes(Path log) {
        this.log = log;
    }

    /** From now on: what is logged after this counts. */
    void mark() {
        mark = lines().size();
    }

    /** Milliseconds of server time of the requests logged since {@link #mark()}, and how many there were. */
    Sum sinceMark() {
        List<String> lines = lines();
        long micros = 0;
        long pageMicros = 0;
        int requests = 0;
        for (String line : lines.subList((int) Math.min(mark, lines.size()), lines.size())) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 4) {
                long took = Long.parseLong(parts[3]);
                micros += took;
                requests++;
                if (ofThePage(parts[0], parts[1])) {
                    pageMicros += took;
                }
            }
        }
        return new Sum(micros / 1000.0, requests, pageMicros / 1000.0);
    }

    /**
     * @param pageMillis of those, the page's own: its document and the UI's round trips (grids' data), not the
     *     scripts, styles and images every page shares
     */
    record Sum(double millis, int requests, double pageMillis) {}

    /** The document (a route, no file name) or a round trip of the UI (a POST); not a script, style or the push socket. */
    private static boolean ofThePage(String method, String path) {
        return method.equals("POST") || (method.equals("GET") && !path.contains(".") && !path.startsWith("/VAADIN"));
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
