package io.patchbay.security.egress;

/** The guard refused a call before (or instead of) making it. The message is safe to show and never holds a secret. */
public class EgressRefusedException extends RuntimeException {

    private final EgressRule rule;

    public EgressRefusedException(EgressRule rule, String message) {
        super(message + " (rule: " + rule.id() + ")");
        this.rule = rule;
    }

    public EgressRule rule() {
        return rule;
    }
}
