package io.patchbay.connection;

/** The steps of the guided setup, in order. A draft remembers the step to return to. */
public enum SetupStep {
    DETAILS("Connection details"),
    MAPPING("Field mapping"),
    VALIDATE("Validate"),
    SCHEDULE("Schedule");

    private final String label;

    SetupStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
