package io.patchbay.schema;

/** What a subject describes: a canonical entity records are stored as, or an event type facts are published as. */
public enum SubjectKind {
    ENTITY("Entity"),
    EVENT("Event type");

    private final String label;

    SubjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
