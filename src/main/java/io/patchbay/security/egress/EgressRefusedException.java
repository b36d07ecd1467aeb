package io.patchbay.security.egress;

import io.patchbay.base.ExplainedError;

/**
 * The guard refused a call before (or instead of) making it. The message says what was refused and why, the fix what
 * a person can do about it; both are safe to show and never hold a secret.
 */
public class EgressRefusedException extends RuntimeException implements ExplainedError {

    private final EgressRule rule;
    private final String fix;

    public EgressRefusedException(EgressRule rule, String message) {
        this(rule, message, defaultFix(rule));
    }

    public EgressRefusedException(EgressRule rule, String message, String fix) {
        super(message + " (rule: " + rule.id() + ")");
        this.rule = rule;
        this.fix = fix;
    }

    public EgressRule rule() {
        return rule;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    /** What a person can do about it, e.g. ask for a network exception. */
    @Override
    public String fix() {
        return fix;
    }

    private static String defaultFix(EgressRule rule) {
        return switch (rule) {
            case HTTPS_ONLY -> "Use the system's https:// address.";
            case NO_CREDENTIALS_IN_URL -> "Remove the user name and password from the address; enter them as settings.";
            case NEVER_REACHABLE -> "Use the system's public address, or the private one it has on your own network.";
            case PUBLIC_ADDRESSES_ONLY ->
                "If the system really lives on your own network, request a network exception for its host; a"
                        + " solutions engineer approves it.";
            case HUB_PATHS -> "Use the sandbox system's address exactly as the Sandbox systems page shows it.";
            case VALID_URL -> "Enter an address such as https://api.example.com.";
            case TOO_MANY_REDIRECTS -> "Use the address the system finally answers at.";
            case RESPONSE_SIZE -> "Ask for smaller pages, or contact support.";
            case CHECKED_ADDRESS_ONLY ->
                "Enter the database's own host and port; Patchbay does not follow options or redirects elsewhere.";
        };
    }
}
