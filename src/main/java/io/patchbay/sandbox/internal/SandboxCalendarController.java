package io.patchbay.sandbox.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sandbox calendar's OAuth2 provider and API, shaped like a typical SaaS calendar: a sign-in page where the
 * signed-in person allows or denies a client, authorization codes that need PKCE (S256) and live a minute, short-lived
 * signed access tokens, refresh tokens that are honoured once each (every refresh returns a new one), and events paged
 * by a next URL. Revoking the consent ends its access tokens at once, as the strictest providers do.
 */
@RestController
@RequestMapping("/sandbox/calendar")
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxCalendarController {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Map<String, String> SCOPES = Map.of("events.read", "See the events in your calendar");
    private static final int MAX_LIMIT = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxCalendarRepository calendar;
    private final SandboxProperties.Calendar properties;
    private final ObjectMapper json;

    SandboxCalendarController(SandboxCalendarRepository calendar, SandboxProperties properties, ObjectMapper json) {
        this.calendar = calendar;
        this.properties = properties.calendar();
        this.json = json;
    }

    /** What a client asks for on the authorization endpoint, as the page passes it on to the answer. */
    private record Ask(
            String clientId,
            String redirectUri,
            String responseType,
            String scope,
            String state,
            String codeChallenge,
            String codeChallengeMethod) {

        static Ask of(MultiValueMap<String, String> params) {
            return new Ask(
                    value(params, "client_id"),
                    value(params, "redirect_uri"),
                    value(params, "response_type"),
                    value(params, "scope"),
                    value(params, "state"),
                    value(params, "code_challenge"),
                    value(params, "code_challenge_method"));
        }

        private static String value(MultiValueMap<String, String> params, String name) {
            String value = params.getFirst(name);
            return value == null ? "" : value;
        }
    }

    @GetMapping(path = "/oauth/authorize", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> authorize(@RequestParam MultiValueMap<String, String> params) {
        Ask ask = Ask.of(params);
        Optional<ResponseEntity<String>> refused = refuse(ask);
        if (refused.isPresent()) {
            return refused.get();
        }
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(consentPage(ask));
    }

    /** The person's answer: back to the client with a code, or with {@code access_denied}. */
    @PostMapping(path = "/oauth/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<String> answer(@RequestParam MultiValueMap<String, String> form) {
        Ask ask = Ask.of(form);
        Optional<ResponseEntity<String>> refused = refuse(ask);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!"allow".equals(form.getFirst("decision"))) {
            return back(ask, Map.of("error", "access_denied", "error_description", "The user denied access."));
        }
        long grant = calendar.insertGrant(ask.clientId(), SandboxCalendar.USER_EMAIL, ask.scope());
        String code = "scc_" + random();
        calendar.insertCode(
                digest(code),
                grant,
                ask.redirectUri(),
                ask.codeChallenge(),
                Instant.now().plus(CODE_LIFETIME));
        return back(ask, Map.of("code", code));
    }

    /**
     * What the authorization endpoint refuses before anyone is asked: an unknown client or redirect URI is shown
     * here (sending the person there could hand a code to an attacker); the rest goes back to the client as an
     * OAuth2 error.
     */
    private Optional<ResponseEntity<String>> refuse(Ask ask) {
        if (!SandboxOAuth.matches(ask.clientId(), properties.clientId())
                || !ask.redirectUri().equals(properties.redirectUri())) {
            return Optional.of(ResponseEntity.badRequest()
                    .contentType(MediaType.TEXT_HTML)
                    .body(page(
                            "This sign-in link is not valid",
                            "<p>Sandbox Calendar does not know this client or its redirect URI. The application that "
                                    + "sent you here must be registered with the redirect URI "
                                    + HtmlUtils.htmlEscape(properties.redirectUri()) + ".</p>")));
        }
        if (!"code".equals(ask.responseType())) {
            return Optional.of(back(ask, Map.of("error", "unsupported_response_type")));
        }
        if (ask.codeChallenge().isEmpty() || !"S256".equals(ask.codeChallengeMethod())) {
            return Optional.of(
                    back(ask, Map.of("error", "invalid_request", "error_description", "PKCE with S256 is required.")));
        }
        boolean known = !ask.scope().isBlank()
                && List.of(ask.scope().trim().split(" +")).stream().allMatch(SCOPES::containsKey);
        if (!known) {
            return Optional.of(back(ask, Map.of("error", "invalid_scope")));
        }
        return Optional.empty();
    }

    private ResponseEntity<String> back(Ask ask, Map<String, String> answer) {
        var location = UriComponentsBuilder.fromUriString(ask.redirectUri());
        answer.forEach(location::queryParam);
        if (!ask.state().isEmpty()) {
            location.queryParam("state", ask.state());
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(location.encode().build().toUriString()))
                .build();
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<ObjectNode> token(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestParam MultiValueMap<String, String> form) {
        if (!SandboxOAuth.isClient(authorization, form, properties.clientId(), properties.clientSecret())) {
            return SandboxOAuth.error(
                    json, HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret.");
        }
        String grantType = String.valueOf(form.getFirst("grant_type"));
        return switch (grantType) {
            case "authorization_code" -> redeemCode(form);
            case "refresh_token" -> refresh(form);
            default -> SandboxOAuth.error(
                    json,
                    HttpStatus.BAD_REQUEST,
                    "unsupported_grant_type",
                    "Only authorization_code and refresh_token are supported.");
        };
    }

    private ResponseEntity<ObjectNode> redeemCode(MultiValueMap<String, String> form) {
        String code = String.valueOf(form.getFirst("code"));
        var issued = calendar.spendCode(digest(code)).orElse(null);
        if (issued == null || issued.expiresAt().isBefore(Instant.now())) {
            return invalidGrant("The authorization code is unknown, was used already or has expired.");
        }
        if (!issued.redirectUri().equals(form.getFirst("redirect_uri"))) {
            return invalidGrant("redirect_uri differs from the one the code was issued for.");
        }
        String verifier = form.getFirst("code_verifier");
        if (verifier == null || !SandboxOAuth.matches(challenge(verifier), issued.codeChallenge())) {
            return invalidGrant("The PKCE code_verifier does not match the code_challenge.");
        }
        return calendar.activeGrant(issued.grantId())
                .map(this::tokens)
                .orElseGet(() -> invalidGrant("The consent was revoked."));
    }

    private ResponseEntity<ObjectNode> refresh(MultiValueMap<String, String> form) {
        String refreshToken = String.valueOf(form.getFirst("refresh_token"));
        return calendar.rotateRefreshToken(digest(refreshToken))
                .flatMap(calendar::activeGrant)
                .filter(grant -> grant.clientId().equals(properties.clientId()))
                .map(this::tokens)
                .orElseGet(() -> invalidGrant("The refresh token is unknown, was used already or was revoked."));
    }

    /** A new access token and a new refresh token for the grant, with who consented. */
    private ResponseEntity<ObjectNode> tokens(SandboxCalendarRepository.Grant grant) {
        String refreshToken = "scr_" + random();
        calendar.insertRefreshToken(digest(refreshToken), grant.id());
        Instant now = Instant.now();
        long expires = now.plus(properties.tokenLifetime()).getEpochSecond();
        String claims = grant.id() + "." + now.toEpochMilli() + "." + expires;
        ObjectNode body = json.createObjectNode()
                .put("access_token", "sca_" + claims + "." + sign(claims))
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
        if (!validToken(authorization)) {
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
        List<SandboxCalendarRepository.Event> rows = calendar.events(since, position, limit + 1);
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
        body.put("total", calendar.eventCount());
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

    /** Signed, unexpired, of a consent that stands, and issued after its access tokens were last ended. */
    private boolean validToken(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer sca_")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer sca_".length()).split("\\.");
        if (parts.length != 4 || !SandboxOAuth.matches(sign(parts[0] + "." + parts[1] + "." + parts[2]), parts[3])) {
            return false;
        }
        try {
            Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            if (Long.parseLong(parts[2]) <= Instant.now().getEpochSecond()) {
                return false;
            }
            return calendar.activeGrant(Long.parseLong(parts[0]))
                    .filter(grant -> grant.tokensExpiredBefore() == null || issued.isAfter(grant.tokensExpiredBefore()))
                    .isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String consentPage(Ask ask) {
        StringBuilder scopes = new StringBuilder();
        for (String scope : ask.scope().trim().split(" +")) {
            scopes.append("<li>")
                    .append(HtmlUtils.htmlEscape(SCOPES.get(scope)))
                    .append(" <code>")
                    .append(HtmlUtils.htmlEscape(scope))
                    .append("</code></li>");
        }
        StringBuilder hidden = new StringBuilder();
        Map.of(
                        "client_id", ask.clientId(),
                        "redirect_uri", ask.redirectUri(),
                        "response_type", ask.responseType(),
                        "scope", ask.scope(),
                        "state", ask.state(),
                        "code_challenge", ask.codeChallenge(),
                        "code_challenge_method", ask.codeChallengeMethod())
                .forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(HtmlUtils.htmlEscape(value))
                        .append("\">"));
        return page(
                "Patchbay wants to access your Sandbox Calendar",
                "<p class=\"who\">Signed in as <strong>" + HtmlUtils.htmlEscape(SandboxCalendar.USER_NAME)
                        + "</strong> · " + HtmlUtils.htmlEscape(SandboxCalendar.USER_EMAIL) + "</p>"
                        + "<p>Patchbay (client <code>" + HtmlUtils.htmlEscape(ask.clientId())
                        + "</code>) asks to:</p><ul>" + scopes + "</ul>"
                        + "<p class=\"note\">It keeps this access until you remove it. Whatever you answer, you go back "
                        + "to "
                        + HtmlUtils.htmlEscape(URI.create(ask.redirectUri()).getHost()) + ".</p>"
                        + "<form method=\"post\" action=\"authorize\">" + hidden
                        + "<button name=\"decision\" value=\"deny\" class=\"deny\">Deny</button>"
                        + "<button name=\"decision\" value=\"allow\" class=\"allow\">Allow</button></form>");
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · Sandbox Calendar</title>"
                + "<meta name=\"viewport\" content=\"width=device-width\"><style>"
                + "body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#eef2f7;color:#1f2328}"
                + "main{max-width:28rem;margin:8vh auto;background:#fff;border-radius:12px;padding:2rem 2.25rem;"
                + "box-shadow:0 4px 24px rgba(0,0,0,.08)}"
                + ".brand{margin:0 0 1.5rem;font-weight:600;color:#0b6bcb;letter-spacing:.02em}"
                + "h1{font-size:1.35rem;line-height:1.3;margin:0 0 1rem}.who{color:#57606a;margin:0 0 1.25rem}"
                + "ul{padding-left:1.25rem}code{font-size:.85em;color:#57606a}.note{font-size:.875rem;color:#57606a}"
                + "form{display:flex;justify-content:flex-end;gap:.75rem;margin-top:1.5rem}"
                + "button{font:inherit;padding:.5rem 1.4rem;border-radius:6px;cursor:pointer}"
                + ".deny{background:#fff;border:1px solid #d0d7de;color:#1f2328}"
                + ".allow{background:#0b6bcb;border:1px solid #0b6bcb;color:#fff;font-weight:600}"
                + "</style></head><body><main><p class=\"brand\">Sandbox Calendar</p><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1>" + content + "</main></body></html>";
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Codes and refresh tokens are kept as digests: a copy of the table grants nothing. */
    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private ResponseEntity<ObjectNode> invalidGrant(String description) {
        return SandboxOAuth.error(json, HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    private String sign(String value) {
        return SandboxOAuth.sign(properties.clientSecret(), value);
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }
}
