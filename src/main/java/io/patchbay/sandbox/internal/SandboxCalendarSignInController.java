package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sandbox calendar's sign-in page (its OAuth2 authorization endpoint): the signed-in person allows or denies a
 * client, and goes back to the client's registered redirect URI with a code that needs PKCE (S256) and lives a
 * minute. Each tenant brings its own OAuth app: the client id in the request names the account the consent is given
 * in, once that client redeems the code, and an unknown client or redirect URI is shown here, never sent back.
 */
@RestController
@RequestMapping("/sandbox/calendar")
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxCalendarSignInController {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Map<String, String> SCOPES = Map.of("events.read", "See the events in your calendar");

    private final SandboxAccounts accounts;
    private final SandboxProperties.Calendar properties;

    SandboxCalendarSignInController(SandboxAccounts accounts, SandboxProperties properties) {
        this.accounts = accounts;
        this.properties = properties.calendar();
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
        if (client(ask).isEmpty()) {
            return invalidLink();
        }
        Optional<ResponseEntity<String>> refused = refuse(ask);
        if (refused.isPresent()) {
            return refused.get();
        }
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(consentPage(ask));
    }

    /**
     * The person's answer: back to the client with a code, or with {@code access_denied}. Nothing is written: the
     * consent is recorded in the client's account when the client redeems the code (see {@link
     * SandboxAuthorizationCode}).
     */
    @PostMapping(path = "/oauth/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> answer(@RequestParam MultiValueMap<String, String> form) {
        Ask ask = Ask.of(form);
        SandboxAccount account = client(ask).orElse(null);
        if (account == null) {
            return invalidLink();
        }
        Optional<ResponseEntity<String>> refused = refuse(ask);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!"allow".equals(form.getFirst("decision"))) {
            return back(ask, Map.of("error", "access_denied", "error_description", "The user denied access."));
        }
        String code = new SandboxAuthorizationCode(
                        ask.clientId(),
                        ask.redirectUri(),
                        ask.codeChallenge(),
                        ask.scope(),
                        Instant.now().plus(CODE_LIFETIME))
                .issue(account.calendarClientSecret());
        return back(ask, Map.of("code", code));
    }

    /**
     * The account whose client asks, if the client is known and asks with the registered redirect URI. Anything
     * else is shown here, not sent back: sending the person to an unknown address could hand a code to an attacker.
     */
    private Optional<SandboxAccount> client(Ask ask) {
        if (ask.clientId().isEmpty() || !ask.redirectUri().equals(properties.redirectUri())) {
            return Optional.empty();
        }
        return accounts.byCalendarClientId(ask.clientId());
    }

    private ResponseEntity<String> invalidLink() {
        return ResponseEntity.badRequest()
                .contentType(MediaType.TEXT_HTML)
                .body(page(
                        "This sign-in link is not valid",
                        "<p>Sandbox Calendar does not know this client or its redirect URI. The application that "
                                + "sent you here must be registered with the redirect URI "
                                + HtmlUtils.htmlEscape(properties.redirectUri()) + ".</p>"));
    }

    /** What the authorization endpoint of a known client refuses before anyone is asked, as an OAuth2 error. */
    private Optional<ResponseEntity<String>> refuse(Ask ask) {
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
}
