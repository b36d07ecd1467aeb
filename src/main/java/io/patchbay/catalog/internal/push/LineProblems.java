package io.patchbay.catalog.internal.push;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of an uploaded file that cannot be used: every one is counted, the first {@value #LISTED} are listed by
 * line number, so that a file with a million bad lines still gets a readable report.
 */
final class LineProblems {

    static final int LISTED = 100;

    private final List<String> listed = new ArrayList<>();
    private int count;

    void add(long line, String problem) {
        count++;
        if (listed.size() < LISTED) {
            listed.add("Line " + line + ": " + problem);
        }
    }

    int count() {
        return count;
    }

    /** The listed problems, and how many more there were. */
    List<String> report() {
        List<String> report = new ArrayList<>(listed);
        if (count > listed.size()) {
            report.add("… and " + (count - listed.size()) + " more lines with problems.");
        }
        return List.copyOf(report);
    }
}
