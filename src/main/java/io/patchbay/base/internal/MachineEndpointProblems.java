package io.patchbay.base.internal;

import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * How the hub's machine endpoints (webhook URLs, the sandbox systems' APIs) answer what goes wrong: always
 * problem+json with a 4xx or 5xx status, never an error page or a redirect to the login page, which a sender that
 * follows redirects would take for success. Spring MVC's own errors (unknown path, wrong method, unreadable request)
 * keep their status; anything else is a 500 that names a reference to find in the log.
 */
@RestControllerAdvice
class MachineEndpointProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MachineEndpointProblems.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Request failed unexpectedly (reference {})", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Patchbay could not take this request and applied nothing of it. Send it again; if it keeps failing,"
                        + " contact support with reference " + reference + ".");
        problem.setTitle("Not taken");
        problem.setType(URI.create("https://patchbay.io/problems/internal"));
        problem.setProperty("reference", reference);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }
}
