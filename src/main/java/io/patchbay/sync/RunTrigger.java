package io.patchbay.sync;

import java.util.Locale;

/** What started a run. */
public enum RunTrigger {
    SCHEDULE("Schedule"),
    MANUAL("Run now"),
    ACTIVATION("Activation"),
    /** Data was pushed: a webhook delivery, an uploaded file, or what arrived while paused. */
    PUSH("Data arrived"),
    /** Quarantined records were asked to be reprocessed (after a fix); the source is not read. */
    REPROCESS("Reprocess"),
    /** Support or an admin asked for a failed run to be tried again: a sync from the last checkpoint. */
    RETRY("Retry"),
    /** The connection was just reconnected (consent granted again): a sync checks the access at once. */
    RECONNECT("Reconnected"),
    /**
     * Validate everything: the whole source read through the mapping and the checks from the start, nothing written,
     * no checkpoint moved; what it finds is a validation report. Not a sync: health and charts do not count it.
     */
    DRY_RUN("Validate everything");

    private final String label;

    RunTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunTrigger fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
