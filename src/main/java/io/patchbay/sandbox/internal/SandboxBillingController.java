package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox billing system's API, shaped like a typical payments provider: an OAuth2 token endpoint for the
 * client-credentials grant, bearer tokens that expire, and cursor pagination ({@code starting_after}) over invoices
 * and customers ordered by change time. Tokens are signed, not stored, so any node can check them: each names its
 * client and is signed with that client's secret, so it reads that client's account only.
 */
@RestController
@RequestMapping("/sandbox/billing")
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxBillingController {

    /** An invoice as the API and the webhooks show it. */
    static ObjectNode invoiceJson(ObjectMapper json, io.patchbay.sandbox.SandboxInvoice invoice) {
        return json.createObjectNode()
                .put("id", "in_" + invoice.id())
                .put("customer", "cus_" + invoice.customerId())
                .put("number", invoice.number())
                .put("amount_cents", invoice.amountCents())
                .put("currency", invoice.currency())
                .put("status", invoice.status())
                .put("issued_at", invoice.issuedAt().toString())
                .put("updated_at", invoice.updatedAt().toString());
    }

    private static final int MAX_LIMIT = 100;

    private final SandboxBillingRepository billing;
    private final SandboxAccounts accounts;
    private final SandboxProperties.Billing properties;
    private final ObjectMapper json;

    SandboxBillingController(
            SandboxBillingRepository billing,
            SandboxAccounts accounts,
            SandboxProperties properties,
            ObjectMapper json) {
        this.billing = billing;
        this.accounts = accounts;
        this.properties = properties.billing();
        this.json = json;
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<ObjectNode> token(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam MultiValueMap<String, String> form) {
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return SandboxOAuth.error(
                    json, HttpStatus.BAD_REQUEST, "unsupported_grant_type", "Only client_credentials is supported.");
        }
        SandboxAccount account = SandboxOAuth.client(
                        authorization, form, accounts::byBillingClientId, SandboxAccount::billingClientSecret)
                .orElse(null);
        if (account == null) {
            return SandboxOAuth.error(
                    json, HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret.");
        }
        long expires = Instant.now().plus(properties.tokenLifetime()).getEpochSecond();
        String claims = SandboxOAuth.encodeClientId(account.billingClientId()) + "." + expires;
        ObjectNode body = json.createObjectNode()
                .put("access_token", "sbt_" + claims + "." + SandboxOAuth.sign(account.billingClientSecret(), claims))
                .put("token_type", "Bearer")
                .put("expires_in", properties.tokenLifetime().toSeconds());
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    @GetMapping("/v1/invoices")
    @Transactional(readOnly = true)
    ResponseEntity<ObjectNode> invoices(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(defaultValue = "25") int limit,
            @RequestParam(name = "starting_after", required = false) @Nullable String startingAfter,
            @RequestParam(name = "updated_since", required = false) @Nullable String updatedSince) {
        return page(
                authorization,
                limit,
                startingAfter,
                updatedSince,
                billing::invoices,
                invoice -> invoiceJson(json, invoice),
                invoice -> new SandboxCursor(invoice.updatedAt(), invoice.id()));
    }

    @GetMapping("/v1/customers")
    @Transactional(readOnly = true)
    ResponseEntity<ObjectNode> customers(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(defaultValue = "25") int limit,
            @RequestParam(name = "starting_after", required = false) @Nullable String startingAfter,
            @RequestParam(name = "updated_since", required = false) @Nullable String updatedSince) {
        return page(
                authorization,
                limit,
                startingAfter,
                updatedSince,
                billing::customers,
                customer -> json.createObjectNode()
                        .put("id", "cus_" + customer.id())
                        .put("name", customer.name())
                        .put("email", customer.email())
                        .put("updated_at", customer.updatedAt().toString()),
                customer -> new SandboxCursor(customer.updatedAt(), customer.id()));
    }

    private interface PageQuery<T> {
        List<T> fetch(@Nullable Instant updatedSince, @Nullable SandboxCursor after, int limit);
    }

    private <T> ResponseEntity<ObjectNode> page(
            @Nullable String authorization,
            int limit,
            @Nullable String startingAfter,
            @Nullable String updatedSince,
            PageQuery<T> query,
            Function<T, ObjectNode> toJson,
            Function<T, SandboxCursor> position) {
        SandboxAccount account = accountOf(authorization).orElse(null);
        if (account == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body(error("invalid_token", "Missing, expired or unknown access token."));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ResponseEntity.badRequest()
                    .body(error("invalid_request", "limit must be from 1 to " + MAX_LIMIT + ".")
                            .put("param", "limit"));
        }
        Instant since;
        SandboxCursor after;
        try {
            since = updatedSince == null || updatedSince.isBlank() ? null : Instant.parse(updatedSince);
            after = startingAfter == null || startingAfter.isBlank() ? null : SandboxCursor.decode(startingAfter);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(error("invalid_request", "updated_since or starting_after is malformed."));
        }
        List<T> rows = CurrentTenant.callAs(account.tenant(), () -> query.fetch(since, after, limit + 1));
        boolean more = rows.size() > limit;
        List<T> page = more ? rows.subList(0, limit) : rows;
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        page.forEach(row -> data.add(toJson.apply(row)));
        body.put("next_cursor", more ? position.apply(page.get(page.size() - 1)).encode() : null);
        return ResponseEntity.ok(body);
    }

    /** The account a bearer token was issued to: signed with its client's secret and not expired. */
    private Optional<SandboxAccount> accountOf(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer sbt_")) {
            return Optional.empty();
        }
        String[] parts = authorization.substring("Bearer sbt_".length()).split("\\.", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) <= Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return accounts.byBillingClientId(SandboxOAuth.decodeClientId(parts[0]))
                    .filter(account -> SandboxOAuth.matches(
                            SandboxOAuth.sign(account.billingClientSecret(), parts[0] + "." + parts[1]), parts[2]));
        } catch (IllegalArgumentException e) { // a malformed number or client id
            return Optional.empty();
        }
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }
}
