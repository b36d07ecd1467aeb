package io.patchbay.mapping;

import io.patchbay.base.ExplainedError;

/** A mapping expression that does not compile, with where (line and column, from 1) and why. */
public class InvalidMappingException extends RuntimeException implements ExplainedError {

    private final int line;
    private final int column;
    private final String reason;

    public InvalidMappingException(int line, int column, String reason) {
        super(line > 0 ? "Line " + line + ", column " + column + ": " + reason : reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The line the problem is on, from 1; 0 when the expression as a whole is wrong. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    @Override
    public String field() {
        return "mapping";
    }
}
