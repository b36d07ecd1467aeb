package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.CurrentTenant;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
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
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox calendar's token endpoint and API, shaped like a typical SaaS calendar: codes from its sign-in page
 * ({@link SandboxCalendarSignInController}) redeemed with their PKCE verifier, short-lived signed access tokens,
 * refresh tokens that are honoured once each (every refresh returns a new one), and events paged by a next URL.
 * Revoking the consent ends its access tokens at once, as the strictest providers do.
 *
 * <p>Each tenant brings its own OAuth app: the token endpoint serves a client only the codes and refresh tokens of
 * its own account, and access tokens name their client and are signed with its secret, so they read that account's
 * calendar only.
 */
@RestController
@RequestMapping("/sandbox/calendar")
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxCalendarController {

    private static final int MAX_LIMIT = 100;
    private static final String UNUSABLE_CODE = "The authorization code is unknown, was used already or has expired.";

    private final SandboxCalendarRepository calendar;
    private final SandboxAccounts accounts;
    private final SandboxProperties.Calendar properties;
    private final ObjectMapper json;

    SandboxCalendarController(
            SandboxCalendarRepository calendar,
            SandboxAccounts accounts,
            SandboxProperties properties,
            ObjectMapper json) {
        this.calendar = calendar;
        this.accounts = accounts;
        this.properties = properties.calendar();
        this.json = json;
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<ObjectNode> token(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam MultiValueMap<String, String> form) {
        SandboxAccount account = SandboxOAuth.client(
                        authorization, form, accounts::byCalendarClientId, SandboxAccount::calendarClientSecret)
                .orElse(null);
        if (account == null) {
            return SandboxOAuth.error(
                    json, HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret.");
        }
        String grantType = String.valueOf(form.getFirst("grant_type"));
        return switch (grantType) {
            case "authorization_code" -> CurrentTenant.callAs(account.tenant(), () -> redeemCode(account, form));
            case "refresh_token" -> CurrentTenant.callAs(account.tenant(), () -> refresh(account, form));
            default ->
                SandboxOAuth.error(
                        json,
                        HttpStatus.BAD_REQUEST,
                        "unsupported_grant_type",
                        "Only authorization_code and refresh_token are supported.");
        };
    }

    /**
     * Redeems a code issued to this client (another client's code is unknown here): the consent is recorded now, in
     * the client's account, and the code is spent with it, so a code counts once.
     */
    private ResponseEntity<ObjectNode> redeemCode(SandboxAccount account, MultiValueMap<String, String> form) {
        String code = String.valueOf(form.getFirst("code"));
        var issued = SandboxAuthorizationCode.read(code, account.calendarClientId(), account.calendarClientSecret())
                .orElse(null);
        if (issued == null || issued.expiresAt().isBefore(Instant.now())) {
            return invalidGrant(UNUSABLE_CODE);
        }
        if (!issued.redirectUri().equals(form.getFirst("redirect_uri"))) {
            return invalidGrant("redirect_uri differs from the one the code was issued for.");
        }
        String verifier = form.getFirst("code_verifier");
        if (verifier == null || !SandboxOAuth.matches(SandboxOAuth.challenge(verifier), issued.codeChallenge())) {
            return invalidGrant("The PKCE code_verifier does not match the code_challenge.");
        }
        long grant = calendar.insertGrant(issued.clientId(), SandboxCalendar.USER_EMAIL, issued.scope());
        if (!calendar.spendCode(SandboxOAuth.digest(code), grant, issued)) {
            calendar.deleteGrant(grant);
            return invalidGrant(UNUSABLE_CODE);
        }
        return tokens(account, calendar.activeGrant(grant).orElseThrow());
    }

    /** Rotates a refresh token of the client's own account: another account's token is unknown here. */
    private ResponseEntity<ObjectNode> refresh(SandboxAccount account, MultiValueMap<String, String> form) {
        String refreshToken = String.valueOf(form.getFirst("refresh_token"));
        return calendar.rotateRefreshToken(SandboxOAuth.digest(refreshToken))
                .flatMap(calendar::activeGrant)
                .filter(grant -> grant.clientId().equals(account.calendarClientId()))
                .map(grant -> tokens(account, grant))
                .orElseGet(() -> invalidGrant("The refresh token is unknown, was used already or was revoked."));
    }

    /**
     * A new access token and a new refresh token for the grant, with who consented. The access token names the
     * client (which names the account), the grant and when it was issued, signed with the client's secret.
     */
    private ResponseEntity<ObjectNode> tokens(SandboxAccount account, SandboxCalendarRepository.Grant grant) {
        String refreshToken = "scr_" + SandboxOAuth.random();
        calendar.insertRefreshToken(SandboxOAuth.digest(refreshToken), grant.id());
        Instant now = Instant.now();
        long expires = now.plus(properties.tokenLifetime()).getEpochSecond();
        String claims = SandboxOAuth.encodeClientId(account.calendarClientId()) + "." + grant.id() + "."
                + now.toEpochMilli() + "." + expires;
        ObjectNode body = json.createObjectNode()
                .put("access_token", "sca_" + claims + "." + SandboxOAuth.sign(account.calendarClientSecret(), claims))
                .put("token_type", "Bearer")
                .put("expires_in", properties.tokenLifetime().toSeconds())
                .put("refresh_token", refreshToken)
                .put("scope", grant.scope());
        body.putObject("user").put("name", SandboxCalendar.USER_NAME).put("email", grant.userEmail());
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
    }

    @GetMapping("/v1/events")
    @Transactional(readOnly = true)
    ResponseEntity<ObjectNode> events(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(defaultValue = "25") int limit,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(name = "updated_since", required = false) @Nullable String updatedSince,
            HttpServletRequest request) {
        SandboxAccount account = accountOf(authorization).orElse(null);
        if (account == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body(error("invalid_token", "Missing, expired or revoked access token."));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ResponseEntity.badRequest()
                    .body(error("invalid_request", "limit must be from 1 to " + MAX_LIMIT + "."));
        }
        Instant since;
        SandboxCursor position;
        try {
            since = updatedSince == null || updatedSince.isBlank() ? null : Instant.parse(updatedSince);
            position = after == null || after.isBlank() ? null : SandboxCursor.decode(after);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(error("invalid_request", "updated_since or after is malformed."));
        }
        List<SandboxCalendarRepository.Event> rows =
                CurrentTenant.callAs(account.tenant(), () -> calendar.events(since, position, limit + 1));
        boolean more = rows.size() > limit;
        List<SandboxCalendarRepository.Event> page = more ? rows.subList(0, limit) : rows;
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        page.forEach(event -> data.addObject()
                .put("id", "evt_" + event.id())
                .put("title", event.title())
                .put("location", event.location())
                .put("starts_at", event.startsAt().toString())
                .put("ends_at", event.endsAt().toString())
                .put("updated_at", event.updatedAt().toString()));
        body.put("total", CurrentTenant.callAs(account.tenant(), calendar::eventCount));
        if (more) {
            // a path, not an absolute URL: clients resolve it against the address they called
            var last = page.get(page.size() - 1);
            var next = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .queryParam("limit", limit)
                    .queryParam("after", new SandboxCursor(last.updatedAt(), last.id()).encode());
            if (since != null) {
                next.queryParam("updated_since", since.toString());
            }
            body.put("next", next.encode().build().toUriString());
        } else {
            body.putNull("next");
        }
        return ResponseEntity.ok(body);
    }

    /**
     * The account a bearer token reads: signed with its client's secret, unexpired, of a consent that stands in that
     * account, and issued after the consent's access tokens were last ended.
     */
    private Optional<SandboxAccount> accountOf(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer sca_")) {
            return Optional.empty();
        }
        String[] parts = authorization.substring("Bearer sca_".length()).split("\\.");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            String claims = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
            long grantId = Long.parseLong(parts[1]);
            Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[2]));
            if (Long.parseLong(parts[3]) <= Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            return accounts.byCalendarClientId(SandboxOAuth.decodeClientId(parts[0]))
                    .filter(account ->
                            SandboxOAuth.matches(SandboxOAuth.sign(account.calendarClientSecret(), claims), parts[4]))
                    .filter(account -> CurrentTenant.callAs(account.tenant(), () -> calendar.activeGrant(grantId))
                            .filter(grant ->
                                    grant.tokensExpiredBefore() == null || issued.isAfter(grant.tokensExpiredBefore()))
                            .isPresent());
        } catch (IllegalArgumentException e) { // a malformed number or client id
            return Optional.empty();
        }
    }

    private ResponseEntity<ObjectNode> invalidGrant(String description) {
        return SandboxOAuth.error(json, HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }
}
