package io.patchbay.base.internal;

import io.patchbay.base.Correlation;
import io.patchbay.base.ExplainedError;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place the hub's machine endpoints (webhook URLs, the sandbox systems' APIs) turn an error into an answer:
 * always problem+json with a 4xx or 5xx status, never an error page or a redirect to the login page, which a sender
 * that follows redirects would take for success. An {@link ExplainedError} answers with its kind's status, its words,
 * the field and the connector error class where it has them, and its fix; Spring MVC's own errors (unknown path, wrong
 * method, unreadable request) keep their status; anything else is a 500. Every answer carries the request's
 * correlation id, the reference to give support.
 */
@RestControllerAdvice
class MachineEndpointProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MachineEndpointProblems.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> answer(Exception e) {
        ProblemDetail problem = problemFor(e, Correlation.currentOrNull());
        if (problem.getStatus() >= 500) {
            log.error("Request failed: {}", problem.getDetail(), e);
        } else {
            log.info("Request refused ({}): {}", problem.getStatus(), problem.getDetail());
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** What a machine is told: the error taxonomy mapped onto HTTP, the same words a person sees in the UI. */
    static ProblemDetail problemFor(Throwable thrown, @Nullable String reference) {
        ProblemDetail problem;
        if (thrown instanceof ExplainedError explained) {
            problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.valueOf(explained.kind().status()), explained.detail());
            problem.setTitle(explained.title());
            problem.setType(type(explained.kind().name()));
            put(problem, "field", explained.field());
            put(problem, "errorClass", explained.errorClass());
            put(problem, "fix", explained.fix());
        } else if (thrown instanceof AccessDeniedException) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You may not do this.");
            problem.setTitle(ExplainedError.Kind.FORBIDDEN.title());
            problem.setType(type(ExplainedError.Kind.FORBIDDEN.name()));
        } else {
            problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "Patchbay could not take this request and applied nothing of it. Send it again; if it keeps"
                            + " failing, contact support with reference " + reference + ".");
            problem.setTitle("Not taken");
            problem.setType(type(ExplainedError.Kind.INTERNAL.name()));
        }
        put(problem, "reference", reference);
        return problem;
    }

    private static URI type(String kind) {
        return URI.create(
                "https://patchbay.io/problems/" + kind.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static void put(ProblemDetail problem, String name, @Nullable String value) {
        if (value != null) {
            problem.setProperty(name, value);
        }
    }
}
