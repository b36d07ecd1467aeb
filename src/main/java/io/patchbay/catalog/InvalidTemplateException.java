package io.patchbay.catalog;

import io.patchbay.base.ExplainedError;

/** A template document that cannot be used, naming its source and line (0 when no one line is to blame). */
public class InvalidTemplateException extends RuntimeException implements ExplainedError {

    private final String source;
    private final int line;
    private final String reason;

    public InvalidTemplateException(String source, int line, String reason) {
        super(source + (line > 0 ? ", line " + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** What is wrong, without where. */
    public String reason() {
        return reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
