package io.patchbay.sandbox.internal;

import io.github.bucket4j.ConsumptionProbe;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.tenancy.CurrentTenant;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Sandbox CRM's REST API, shaped like a typical SaaS CRM: {@code X-API-Key} auth, page-based pagination, an
 * inclusive {@code updated_since} filter, and a rate limit that answers 429 with {@code Retry-After}. Errors are
 * problem+json. The API key names the account: a request reads and changes that account's contacts only, within
 * that account's rate limit.
 */
@RestController
@RequestMapping("/sandbox/crm/v1")
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxCrmController {

    private static final int NAME_LENGTH = 40;

    private static final Logger log = LoggerFactory.getLogger(SandboxCrmController.class);
    private static final int MAX_PAGE_SIZE = 1000;

    private final SandboxCrmRepository contacts;
    private final SandboxAccounts accounts;
    private final SandboxRateLimiter rateLimiter;
    private final ObjectMapper json;

    SandboxCrmController(
            SandboxCrmRepository contacts,
            SandboxAccounts accounts,
            SandboxRateLimiter rateLimiter,
            ObjectMapper json) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    @GetMapping("/contacts")
    @Transactional(readOnly = true)
    ResponseEntity<?> list(
            @RequestHeader(name = "X-API-Key", required = false) @Nullable String apiKey,
            @RequestHeader(name = "X-Correlation-Id", required = false) @Nullable String correlationId,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(name = "page_size", defaultValue = "50") String pageSize,
            @RequestParam(name = "updated_since", required = false) @Nullable String updatedSince) {
        return asAccount(apiKey, () -> list(correlationId, page, pageSize, updatedSince));
    }

    private ResponseEntity<?> list(
            @Nullable String correlationId, String page, String pageSize, @Nullable String updatedSince) {
        int pageNumber = positive(page, "page", Integer.MAX_VALUE);
        int size = positive(pageSize, "page_size", MAX_PAGE_SIZE);
        Instant since = null;
        if (updatedSince != null && !updatedSince.isBlank()) {
            try {
                since = Instant.parse(updatedSince);
            } catch (DateTimeParseException e) {
                throw new BadParameter("updated_since", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }
        // one contact more than the page says whether another page follows, without counting what is left
        List<SandboxContact> items = contacts.page(since, pageNumber, size, size + 1);
        boolean hasMore = items.size() > size;
        if (hasMore) {
            items = items.subList(0, size);
        }
        log.debug("Sandbox CRM served page {} ({} contacts) for {}", pageNumber, items.size(), correlationId);
        ObjectNode body = json.createObjectNode();
        var data = body.putArray("data");
        items.forEach(contact -> data.add(toJson(contact)));
        body.put("page", pageNumber).put("page_size", size);
        if (pageNumber == 1 && since == null) {
            // counted on the first page of the whole list only, as many APIs do: counting what is left on every page
            // of a large incremental read costs the database a scan per page
            body.put("total", contacts.count(null));
        }
        body.put("has_more", hasMore);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/contacts/{id}")
    @Transactional(readOnly = true)
    ResponseEntity<?> get(
            @RequestHeader(name = "X-API-Key", required = false) @Nullable String apiKey, @PathVariable long id) {
        return asAccount(
                apiKey,
                () -> contacts.find(id)
                        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(toJson(c)))
                        .orElseGet(() -> notFound(id)));
    }

    @PostMapping("/contacts")
    @Transactional
    ResponseEntity<?> create(
            @RequestHeader(name = "X-API-Key", required = false) @Nullable String apiKey,
            @RequestBody ObjectNode body) {
        return asAccount(apiKey, () -> {
            SandboxContact created = contacts.insert(
                    required(body, "first_name"),
                    required(body, "last_name"),
                    required(body, "email"),
                    optional(body, "company"),
                    optional(body, "phone"));
            return ResponseEntity.created(URI.create("/sandbox/crm/v1/contacts/" + created.id()))
                    .body(toJson(created));
        });
    }

    /** Upsert by email, for destinations: answers what it did, so a client can tell an unchanged record. */
    @PutMapping("/contacts/by-email/{email}")
    @Transactional
    ResponseEntity<?> upsert(
            @RequestHeader(name = "X-API-Key", required = false) @Nullable String apiKey,
            @PathVariable String email,
            @RequestBody ObjectNode body) {
        return asAccount(apiKey, () -> upsert(email, body));
    }

    private ResponseEntity<?> upsert(String email, ObjectNode body) {
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new BadParameter("email", "is not an email address");
        }
        var upsert = contacts.upsertByEmail(
                email,
                name(body, "first_name"),
                name(body, "last_name"),
                required(body, "company"),
                optional(body, "phone"));
        ObjectNode answer =
                json.createObjectNode().put("result", upsert.result().name().toLowerCase(java.util.Locale.ROOT));
        answer.set("contact", toJson(upsert.contact()));
        return ResponseEntity.status(
                        upsert.result() == SandboxCrmRepository.Upserted.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    @PatchMapping("/contacts/{id}")
    @Transactional
    ResponseEntity<?> update(
            @RequestHeader(name = "X-API-Key", required = false) @Nullable String apiKey,
            @PathVariable long id,
            @RequestBody ObjectNode body) {
        var changes = new SandboxCrmRepository.ContactChanges(
                optional(body, "first_name"),
                optional(body, "last_name"),
                optional(body, "email"),
                optional(body, "company"),
                optional(body, "phone"));
        return asAccount(
                apiKey,
                () -> contacts.update(id, changes)
                        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(toJson(c)))
                        .orElseGet(() -> notFound(id)));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(BadParameter.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameter e) {
        var problem = ProblemDetail.forStatusAndDetail(e.status, e.field + " " + e.getMessage());
        problem.setTitle("Invalid parameter");
        problem.setProperty("field", e.field);
        return ResponseEntity.status(e.status).body(problem);
    }

    /**
     * Serves the request for the account the API key belongs to, within its rate limit: the work runs with that
     * account's tenant in scope. Answers 401 for a missing or unknown key and 429 over the limit.
     */
    private ResponseEntity<?> asAccount(@Nullable String apiKey, Supplier<ResponseEntity<?>> work) {
        // found through its unique index: among every account's keys there is no one key to compare in constant time
        SandboxAccount account = apiKey == null || apiKey.isBlank()
                ? null
                : accounts.byCrmApiKey(apiKey).orElse(null);
        if (account == null) {
            var problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Missing or invalid X-API-Key header.");
            problem.setTitle("Invalid API key");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        ConsumptionProbe probe = rateLimiter.tryConsume(account);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded; retry in " + seconds + " s.");
            problem.setTitle("Too many requests");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(seconds))
                    .header(
                            "X-RateLimit-Limit",
                            String.valueOf(rateLimiter.limitOf(account).requests()))
                    .header("X-RateLimit-Remaining", "0")
                    .body(problem);
        }
        return CurrentTenant.callAs(account.tenant(), work);
    }

    private ResponseEntity<?> notFound(long id) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No contact " + id + ".");
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private ObjectNode toJson(SandboxContact contact) {
        return json.createObjectNode()
                .put("id", String.valueOf(contact.id()))
                .put("first_name", contact.firstName())
                .put("last_name", contact.lastName())
                .put("email", contact.email())
                .put("company", contact.company())
                .put("phone", contact.phone())
                .put("created_at", contact.createdAt().toString())
                .put("updated_at", contact.updatedAt().toString());
    }

    private static int positive(String value, String field, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameter(field, "must be a whole number from 1 to " + max);
    }

    /**
     * A name as this CRM keeps it: at most {@value #NAME_LENGTH} characters, which its API documentation does not
     * say, so that a destination learns it from the refusal (422), as from a real CRM's own constraints.
     */
    private static String name(ObjectNode body, String field) {
        String value = required(body, field);
        if (value.length() > NAME_LENGTH) {
            throw new BadParameter(
                    field,
                    "is longer than the " + NAME_LENGTH + " characters this CRM keeps",
                    HttpStatus.UNPROCESSABLE_CONTENT);
        }
        return value;
    }

    private static String required(ObjectNode body, String field) {
        String value = optional(body, field);
        if (value == null || value.isBlank()) {
            throw new BadParameter(field, "is required");
        }
        return value;
    }

    private static @Nullable String optional(ObjectNode body, String field) {
        var node = body.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    static final class BadParameter extends RuntimeException {
        final String field;
        final HttpStatus status;

        BadParameter(String field, String message) {
            this(field, message, HttpStatus.BAD_REQUEST);
        }

        BadParameter(String field, String message, HttpStatus status) {
            super(message);
            this.field = field;
            this.status = status;
        }
    }
}
