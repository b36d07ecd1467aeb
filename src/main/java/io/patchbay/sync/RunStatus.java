package io.patchbay.sync;

import java.util.Locale;

/** Where a run is. Queued and running runs are pending; the rest are finished. */
public enum RunStatus {
    QUEUED("Queued"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    SUCCEEDED_WITH_QUARANTINE("Succeeded with quarantine"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
