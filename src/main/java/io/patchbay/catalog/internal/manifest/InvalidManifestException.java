package io.patchbay.catalog.internal.manifest;

import java.util.List;

/** A manifest that cannot be used; lists every problem with its path, not just the first. */
public class InvalidManifestException extends RuntimeException {

    private final List<String> problems;

    public InvalidManifestException(String source, List<String> problems) {
        super("Invalid connector manifest " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
