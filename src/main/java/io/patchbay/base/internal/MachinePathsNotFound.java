package io.patchbay.base.internal;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The paths under the machine endpoints' prefixes that no endpoint serves. Without this they would fall through to
 * the UI, which answers any path with its page and a 200: a sender must get a 404 (or a 405 for a webhook URL called
 * with the wrong method) as problem+json instead. More specific mappings always win over these.
 */
@RestController
class MachinePathsNotFound {

    @RequestMapping(
            path = "/hooks/{connection}",
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<ProblemDetail> webhookUrlTakesPost() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED, "A webhook URL takes deliveries by POST only.");
        problem.setTitle("Method not allowed");
        problem.setType(URI.create("https://patchbay.io/problems/webhook-405"));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, "POST")
                .body(problem);
    }

    @RequestMapping({"/hooks", "/hooks/**", "/sandbox", "/sandbox/**"})
    ResponseEntity<ProblemDetail> nothingHere() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Nothing is served here.");
        problem.setTitle("Not found");
        problem.setType(URI.create("https://patchbay.io/problems/not-found"));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
