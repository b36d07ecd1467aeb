package io.patchbay.connection.internal;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.Receipt;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each connection's webhook URL. Answers as soon as the delivery is verified and staged: 202 for a new message, 200
 * for one already received (a sender retrying after a lost answer must not see a failure, and nothing is applied
 * twice), 413 for a body too large, 429 for one failing its check past the limits of {@link ForgedDeliveries}; the rest (401 not authentic or stale, 400 unusable, 404 no such connection) is
 * the connector's classified error, answered as problem+json by the hub's one REST error handler.
 */
@RestController
class WebhookController {

    private final InboundService inbound;
    private final ForgedDeliveries forged;

    WebhookController(InboundService inbound, ForgedDeliveries forged) {
        this.inbound = inbound;
        this.forged = forged;
    }

    @PostMapping("/hooks/{connectionId}")
    ResponseEntity<?> receive(@PathVariable String connectionId, HttpServletRequest request) throws IOException {
        var id = ConnectionId.parse(connectionId).orElse(null);
        if (id == null) {
            throw new InboundService.NoSuchConnectionException();
        }
        long max = inbound.maxWebhookBytes();
        if (request.getContentLengthLong() > max) {
            return problem(
                    HttpStatus.CONTENT_TOO_LARGE, "Delivery too large", "Bodies may be up to " + max + " bytes.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) max + 1);
        }
        if (body.length > max) {
            return problem(
                    HttpStatus.CONTENT_TOO_LARGE, "Delivery too large", "Bodies may be up to " + max + " bytes.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        Receipt receipt;
        try {
            receipt = inbound.receiveWebhook(id, new PushedData(headers, body, null, Instant.now()));
        } catch (ConnectorException e) {
            if (e.error().errorClass() != ErrorClass.AUTH) {
                throw e;
            }
            Duration wait = forged.failed(request.getRemoteAddr(), id).orElseThrow(() -> e);
            ResponseEntity<ProblemDetail> tooMany = problem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many deliveries that fail their check",
                    e.error().message() + " Deliveries that fail their check are refused for a while: send again"
                            + " after the Retry-After seconds, signed with the connection's signing secret.");
            return ResponseEntity.status(tooMany.getStatusCode())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds() + 1)))
                    .body(tooMany.getBody());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", receipt.duplicate() ? "duplicate" : "accepted");
        answer.put("messageId", receipt.message().messageId());
        answer.put("records", receipt.message().recordCount());
        answer.put(
                "summary",
                receipt.duplicate()
                        ? "Already received at " + receipt.message().receivedAt() + "; not applied again."
                        : receipt.message().summary());
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(answer);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://patchbay.io/problems/webhook-" + status.value()));
        return ResponseEntity.status(status).body(problem);
    }
}
