package io.patchbay.schema;

import io.patchbay.base.ExplainedError;
import java.util.List;
import java.util.stream.Collectors;

/** A new version breaks its subject's compatibility mode; {@link #refused()} says how, change by change. */
public class IncompatibleSchemaException extends RuntimeException implements ExplainedError {

    private final List<SchemaChange> refused;

    public IncompatibleSchemaException(String subject, Compatibility mode, List<SchemaChange> refused) {
        super(subject + " is " + mode.label().toLowerCase(java.util.Locale.ROOT) + " compatible, and this version "
                + "breaks it: "
                + refused.stream().map(SchemaChange::description).collect(Collectors.joining("; ")));
        this.refused = List.copyOf(refused);
    }

    public List<SchemaChange> refused() {
        return refused;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
