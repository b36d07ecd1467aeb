package io.patchbay.connection;

import java.util.List;
import java.util.stream.Collectors;

/** A change (or an activation) refused because it breaks guardrails no approved exception waives. */
public class GuardrailsBrokenException extends InvalidSetupException {

    private final List<GuardrailViolation> violations;

    public GuardrailsBrokenException(List<GuardrailViolation> violations) {
        super(
                violations.getFirst().field(),
                violations.stream().map(GuardrailViolation::message).collect(Collectors.joining(" ")));
        this.violations = List.copyOf(violations);
    }

    public List<GuardrailViolation> violations() {
        return violations;
    }
}
