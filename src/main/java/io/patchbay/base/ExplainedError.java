package io.patchbay.base;

import org.jspecify.annotations.Nullable;

/**
 * An error written for whoever caused it: what went wrong and what fixes it, safe to show (no secret, nothing of
 * another tenant). The hub's one view error handler shows it as it is, and its one REST handler answers it as
 * problem+json with the status its {@link Kind} names; anything else that escapes is "could not finish this", with the
 * request's correlation id to give support.
 */
public interface ExplainedError {

    /** How it reads to a machine and which words head it for a person. */
    Kind kind();

    /** The exception's own message; {@link #detail()} is what is shown. */
    String getMessage();

    /** What went wrong, in the words of the person or system that asked. */
    default String detail() {
        return getMessage();
    }

    /** A few words naming the error, e.g. "Authentication"; the kind's title unless the error knows better. */
    default String title() {
        return kind().title();
    }

    /** What the person can do about it; null where the message already says. */
    default @Nullable String fix() {
        return null;
    }

    /** The field or setting it is about, so forms and problem+json can name it; null where none is. */
    default @Nullable String field() {
        return null;
    }

    /** The connector error class (AUTH, CONFIG, RATE_LIMIT, TRANSIENT, DATA, INTERNAL) where one applies. */
    default @Nullable String errorClass() {
        return null;
    }

    /** The kinds the error taxonomy maps onto, each with the HTTP status a REST caller gets. */
    enum Kind {
        /** The input cannot be accepted as it is. */
        INVALID(422, "Not accepted"),
        /** The input could not be read at all (malformed data). */
        MALFORMED(400, "Not readable"),
        /** Nothing of the caller's is there; said the same whether it does not exist or is another tenant's. */
        NOT_FOUND(404, "Not found"),
        /** Someone else changed it meanwhile, or its state does not allow this now. */
        CONFLICT(409, "Not done"),
        /** The caller's credentials or signature were refused. */
        UNAUTHORIZED(401, "Authentication"),
        /** The caller may not do this. */
        FORBIDDEN(403, "Not allowed"),
        /** Too much, too fast: try again later. */
        RATE_LIMITED(429, "Rate limit"),
        /** A passing fault: the same request may succeed later. */
        UNAVAILABLE(503, "Temporary failure"),
        /** A fault in Patchbay itself. */
        INTERNAL(500, "Internal error");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }
}
