package io.patchbay.observability;

/** The health model: every connection is exactly one of these. */
public enum HealthStatus {
    CONNECTED("Connected"),
    DEGRADED("Degraded"),
    FAILING("Failing"),
    PAUSED("Paused");

    private final String label;

    HealthStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
