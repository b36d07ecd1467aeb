package io.patchbay.faults;

import io.patchbay.support.hub.HubFiles;
import java.nio.file.Path;

/** Where fault scenarios keep their files: {@code target/faults/<scenario>/}, and the figures beside them. */
final class FaultFiles {

    static final Path ROOT = Path.of("target", "faults").toAbsolutePath();

    private FaultFiles() {}

    /** The scenario's directory, emptied: its database, hub logs and keyset from an earlier run are gone. */
    static Path scenario(String name) {
        return HubFiles.emptied(ROOT.resolve(name));
    }
}
