package io.patchbay.observability;

/** The health model: every connection is exactly one of these. Declared worst first, the order lists show them in. */
public enum HealthStatus {
    FAILING("Failing"),
    DEGRADED("Degraded"),
    NOT_YET_SYNCED("Not yet synced"),
    PAUSED("Paused"),
    CONNECTED("Connected");

    private final String label;

    HealthStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HealthStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
