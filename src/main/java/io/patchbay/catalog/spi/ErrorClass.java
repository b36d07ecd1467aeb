package io.patchbay.catalog.spi;

/**
 * The one error taxonomy. Every connector failure is exactly one of these; UI and API show the same words.
 * {@link #retryable()} says whether trying the same thing again later can succeed without anyone changing anything.
 */
public enum ErrorClass {
    /** Credentials missing, wrong, expired or lacking a permission. */
    AUTH("Authentication", false),
    /** The configuration cannot work: wrong URL, unknown host, a refused rule. */
    CONFIG("Configuration", false),
    /** The external system asked us to slow down and kept asking. */
    RATE_LIMIT("Rate limit", true),
    /** A passing fault: timeout, connection refused, 5xx. */
    TRANSIENT("Temporary failure", true),
    /** The external system answered with data we cannot use. */
    DATA("Data", false),
    /** A fault in Patchbay itself. */
    INTERNAL("Internal error", true);

    private final String label;
    private final boolean retryable;

    ErrorClass(String label, boolean retryable) {
        this.label = label;
        this.retryable = retryable;
    }

    public String label() {
        return label;
    }

    public boolean retryable() {
        return retryable;
    }
}
