package io.patchbay.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.patchbay.db.Tables.SIGN_IN_THROTTLE;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.support.Visitor;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signing in as an attacker would try it: guessing passwords one after another, in parallel, across accounts and
 * from many addresses, posting the login form from another site, and reading what the pages let a browser do. Each
 * test is a client (an address) and a tenant of its own, so the pauses it causes touch no other test.
 */
@IntegrationTest
class SignInHardeningIT {

    private static final String SIGNED_IN = "/";
    private static final String FAILED = "/login?error";
    private static final String PAUSED = "/login?paused";

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    /** Documentation addresses (RFC 5737), one per client a test plays. */
    private static final AtomicInteger clients = new AtomicInteger();

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    DSLContext db;

    @Value("${server.port}")
    int port;

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void twentyWrongPasswordsPauseTheAccountSoEvenTheRightOneIsRefused() {
        String admin = TenantFixtures.adminOf(tenant("Guessed Co"));
        Visitor attacker = visitor();

        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            answers.add(path(attacker.signIn(admin, "guess-" + i)));
        }
        assertThat(answers.subList(0, 4)).as("the first four failures").containsOnly(FAILED);
        assertThat(answers.subList(4, 20)).as("the fifth failure and after").containsOnly(PAUSED);

        assertThat(path(attacker.signIn(admin, TenantFixtures.PASSWORD))).isEqualTo(PAUSED);
        assertThat(attacker.isSignedIn()).isFalse();
        Visitor owner = visitor();
        assertThat(path(owner.signIn(admin, TenantFixtures.PASSWORD)))
                .as("the account is paused for every client, its owner's too")
                .isEqualTo(PAUSED);

        Visitor someoneElse = visitor();
        String otherAdmin = TenantFixtures.adminOf(tenant("Unbothered Co"));
        assertThat(path(someoneElse.signIn(otherAdmin, TenantFixtures.PASSWORD)))
                .as("another account from another client")
                .isEqualTo(SIGNED_IN);
        assertThat(someoneElse.isSignedIn()).isTrue();
    }

    @Test
    void unknownUserNamesArePausedExactlyLikeRealOnes() {
        String real = TenantFixtures.adminOf(tenant("Real Co"));
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);

        List<String> forReal = new ArrayList<>();
        List<String> forUnknown = new ArrayList<>();
        Visitor one = visitor();
        Visitor other = visitor();
        for (int i = 1; i <= 7; i++) {
            forReal.add(path(one.signIn(real, "guess-" + i)));
            forUnknown.add(path(other.signIn(unknown, "guess-" + i)));
        }

        assertThat(forUnknown).containsExactlyElementsOf(forReal).contains(PAUSED);
    }

    @Test
    void aClientFailingAcrossAccountsIsPausedForEveryAccount() {
        String victim = TenantFixtures.adminOf(tenant("Sprayed Co"));
        Visitor sprayer = visitor();
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            answers.add(path(sprayer.signIn("someone-" + i + "-" + UUID.randomUUID(), "Spring2026!")));
        }
        assertThat(answers.subList(0, 19)).as("one failure per account").containsOnly(FAILED);
        assertThat(answers.get(19)).as("the client's twentieth failure").isEqualTo(PAUSED);

        assertThat(path(sprayer.signIn(victim, TenantFixtures.PASSWORD))).isEqualTo(PAUSED);
        assertThat(sprayer.isSignedIn()).isFalse();
        assertThat(path(visitor().signIn(victim, TenantFixtures.PASSWORD)))
                .as("the same account from another client")
                .isEqualTo(SIGNED_IN);
    }

    @Test
    void aClientCannotDodgeThePauseByHoppingAddressesInItsIpv6Network() {
        String victim = TenantFixtures.adminOf(tenant("Hopped Co"));
        int network = clients.incrementAndGet();
        for (int i = 1; i <= 20; i++) {
            new Visitor(baseUrl(), "2001:db8:" + network + ":7::" + Integer.toHexString(i))
                    .signIn("hopper-" + i + "-" + UUID.randomUUID(), "Spring2026!");
        }

        Visitor nextAddress = new Visitor(baseUrl(), "2001:db8:" + network + ":7::beef");
        assertThat(path(nextAddress.signIn(victim, TenantFixtures.PASSWORD))).isEqualTo(PAUSED);
        assertThat(path(new Visitor(baseUrl(), "2001:db8:" + network + ":8::1")
                        .signIn(victim, TenantFixtures.PASSWORD)))
                .as("the next network is another client")
                .isEqualTo(SIGNED_IN);
    }

    @Test
    void guessesSentInParallelGetNoMoreTriesThanGuessesSentOneByOne() throws Exception {
        String admin = TenantFixtures.adminOf(tenant("Rushed Co"));
        List<Visitor> attackers =
                IntStream.range(0, 20).mapToObj(i -> visitor()).toList();
        List<String> tokens =
                attackers.stream().map(a -> Visitor.csrfToken(a.get("/login"))).toList();

        List<String> answers = new CopyOnWriteArrayList<>();
        var pool = Executors.newFixedThreadPool(20);
        try {
            CompletableFuture.allOf(IntStream.range(0, 20)
                            .mapToObj(i -> CompletableFuture.runAsync(
                                    () -> answers.add(guess(attackers.get(i), admin, "rushed-" + i, tokens.get(i))),
                                    pool))
                            .toArray(CompletableFuture[]::new))
                    .get();
        } finally {
            pool.shutdown();
        }

        assertThat(answers).hasSize(20).filteredOn(FAILED::equals).hasSize(4);
        assertThat(answers).filteredOn(PAUSED::equals).hasSize(16);
        assertThat(path(visitor().signIn(admin, TenantFixtures.PASSWORD))).isEqualTo(PAUSED);
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() {
        String admin = TenantFixtures.adminOf(tenant("Forgetful Co"));
        Visitor owner = visitor();
        for (int round = 1; round <= 2; round++) {
            for (int i = 1; i <= 4; i++) {
                assertThat(path(owner.signIn(admin, "typo-" + i))).isEqualTo(FAILED);
            }
            assertThat(path(owner.signIn(admin, TenantFixtures.PASSWORD))).isEqualTo(SIGNED_IN);
        }
    }

    @Test
    void theRightPasswordWorksAgainOnceThePauseIsOver() {
        String admin = TenantFixtures.adminOf(tenant("Patient Co"));
        Visitor owner = visitor();
        for (int i = 1; i <= 5; i++) {
            owner.signIn(admin, "typo-" + i);
        }
        assertThat(path(owner.signIn(admin, TenantFixtures.PASSWORD))).isEqualTo(PAUSED);

        // the pause's end, without waiting for it
        db.update(SIGN_IN_THROTTLE)
                .set(SIGN_IN_THROTTLE.PAUSED_UNTIL, DSL.currentOffsetDateTime())
                .where(SIGN_IN_THROTTLE.SUBJECT.eq(admin))
                .execute();

        assertThat(path(owner.signIn(admin, TenantFixtures.PASSWORD))).isEqualTo(SIGNED_IN);
        assertThat(owner.isSignedIn()).isTrue();
    }

    @Test
    void failedAndPausedSignInsAreLoggedWithoutThePassword() {
        String admin = TenantFixtures.adminOf(tenant("Logged Co"));
        String password = "pw-canary-" + UUID.randomUUID();
        Visitor attacker = visitor();

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        try {
            for (int i = 1; i <= 6; i++) {
                attacker.signIn(admin, password);
            }
        } finally {
            root.detachAppender(appender);
        }

        List<String> lines = appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(admin))
                .toList();
        assertThat(lines).anyMatch(line -> line.contains("failed") && line.contains(attacker.address()));
        assertThat(lines).anyMatch(line -> line.contains("paused") && line.contains(attacker.address()));
        assertThat(appender.list)
                .noneMatch(event -> event.getFormattedMessage().contains(password)
                        || String.valueOf(event.getThrowableProxy()).contains(password));
    }

    @Test
    void aCrossSitePostOfTheLoginFormIsRefused() {
        String admin = TenantFixtures.adminOf(tenant("Forged Co"));
        Map<String, String> credentials = Map.of("username", admin, "password", TenantFixtures.PASSWORD);
        Map<String, String> fromElsewhere =
                Map.of("Origin", "https://evil.example", "Referer", "https://evil.example/");

        Visitor victim = visitor();
        assertThat(victim.post("/login", credentials, fromElsewhere).statusCode())
                .as("without a session or token")
                .isEqualTo(403);
        victim.get("/login");
        assertThat(victim.post("/login", credentials, fromElsewhere).statusCode())
                .as("with the victim's session but no token")
                .isEqualTo(403);
        var forged = new java.util.HashMap<>(credentials);
        forged.put("_csrf", "forged-token");
        assertThat(victim.post("/login", forged, fromElsewhere).statusCode())
                .as("with a made-up token")
                .isEqualTo(403);
        assertThat(victim.isSignedIn()).isFalse();

        victim.signIn(admin, TenantFixtures.PASSWORD);
        assertThat(victim.isSignedIn())
                .as("signed in with the login page's own form")
                .isTrue();
    }

    @Test
    void everyPageCarriesAContentSecurityPolicyAndTheUsualHeaders() {
        String admin = TenantFixtures.adminOf(tenant("Headed Co"));
        Visitor visitor = visitor();
        HttpResponse<String> login = visitor.get("/login");
        assertSecurityHeaders(login);
        visitor.signIn(admin, TenantFixtures.PASSWORD);
        HttpResponse<String> hub = visitor.get("/");
        assertThat(hub.statusCode()).isEqualTo(200);
        assertSecurityHeaders(hub);

        assertThat(nonce(login)).as("a fresh nonce for every page").isNotEqualTo(nonce(hub));
    }

    @Test
    void sessionIdsTravelOnlyInCookies() {
        String admin = TenantFixtures.adminOf(tenant("Cookied Co"));
        // each a first visit, with no session cookie yet: when the server would put the session id into the URL
        Visitor toAView = visitor();
        HttpResponse<String> protectedPage = toAView.get("/connections");
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        Visitor signingIn = visitor();
        signingIn.signIn(admin, "wrong");
        signingIn.signIn(admin, TenantFixtures.PASSWORD);
        for (Visitor visitor : List.of(toAView, signingIn)) {
            assertThat(visitor.locations())
                    .isNotEmpty()
                    .allSatisfy(to -> assertThat(to).doesNotContainIgnoringCase("jsessionid"));
        }
        assertThat(toAView.locations())
                .singleElement()
                .satisfies(to -> assertThat(to).endsWith("/login"));
        // an error page used to redirect to /login;jsessionid=…
        HttpResponse<String> missingFile = visitor().get("/VAADIN/no-such-file.js");
        assertThat(missingFile.statusCode()).isEqualTo(404);
        assertThat(missingFile.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> fresh = visitor().get("/login");
        String sessionCookie = fresh.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(fresh.body()).doesNotContainIgnoringCase("jsessionid");
        assertThat(signingIn.cookie("JSESSIONID")).map(HttpCookie::isHttpOnly).hasValue(true);
    }

    @Test
    void signingInAndUsingTheHubRaisesNoContentSecurityPolicyViolation() {
        Tenant tenant = tenant("Strict Co");
        Page page = browser.newPage();
        List<String> violations = new CopyOnWriteArrayList<>();
        // Playwright's own script runs outside the page's policy, so it sees every violation the page reports
        page.addInitScript("document.addEventListener('securitypolicyviolation', e => console.error("
                + "'CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile"
                + " + ':' + e.lineNumber))");
        page.onConsoleMessage(message -> {
            if (message.text().contains("CSP violation") || message.text().contains("Content Security Policy")) {
                violations.add(message.text());
            }
        });
        page.onPageError(error -> {
            if (error.contains("EvalError") || error.contains("Content Security Policy")) {
                violations.add(error);
            }
        });

        Response login = page.navigate(baseUrl() + "/login");
        assertThat(login.headers()).containsKey("content-security-policy");
        BrowserSession.signIn(page, baseUrl(), TenantFixtures.adminOf(tenant), TenantFixtures.PASSWORD);
        assertThat(page.getByText("No integrations yet")).isVisible();
        button(page, "Add integration").first().click();
        button(page, "Use template Sandbox CRM: contacts").click();
        button(page, "Test connection").click();
        assertThat(page.getByText("Connected to Sandbox CRM:")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Connectors"))
                .click();
        assertThat(page.getByText("Certified").first()).isVisible();
        Response reloaded = page.reload();
        assertThat(reloaded.headers()).containsKey("content-security-policy");
        assertThat(page.getByText("Certified").first()).isVisible();

        assertThat(violations).isEmpty();
    }

    @Test
    void theLoginPageSaysPlainlyThatSigningInIsPausedAndWhen() {
        String admin = TenantFixtures.adminOf(tenant("Told Co"));
        Page page = browser.newPage(Map.of("X-Forwarded-For", nextClientAddress()));
        for (int i = 1; i <= 4; i++) {
            page.navigate(baseUrl() + "/login");
            submitLogin(page, admin, "typo-" + i);
            page.waitForURL(url -> url.endsWith(FAILED));
            assertThat(page.getByText("Check your user name and password")).isVisible();
        }
        page.navigate(baseUrl() + "/login");
        submitLogin(page, admin, "typo-5");
        page.waitForURL(url -> url.endsWith(PAUSED));

        assertThat(page.getByText("Signing in is paused")).isVisible();
        assertThat(page.getByText(Pattern.compile("Too many failed sign-ins .* Try again in \\d+ minutes?\\.")))
                .isVisible();
        BrowserSession.screenshot(page, "17-sign-in-paused");
    }

    /** One POST of the login form with a token fetched before, so that many can be sent at once. */
    private static String guess(Visitor attacker, String username, String password, String token) {
        return path(
                attacker.post("/login", Map.of("username", username, "password", password, "_csrf", token), Map.of())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow());
    }

    private static void submitLogin(Page page, String username, String password) {
        BrowserSession.textbox(page, "Username").fill(username);
        BrowserSession.textbox(page, "Password").fill(password);
        button(page, "Log in").click();
    }

    private static void assertSecurityHeaders(HttpResponse<String> page) {
        var headers = page.headers();
        String policy = headers.firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("default-src 'self'")
                .contains("object-src 'none'")
                .contains("base-uri 'self'")
                .contains("form-action 'self'")
                .contains("frame-ancestors 'none'")
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/_=-]{22,}'")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Permissions-Policy"))
                .hasValueSatisfying(permissions -> assertThat(permissions)
                        .contains("camera=()")
                        .contains("microphone=()")
                        .contains("geolocation=()"));

        // every script the page carries inline is let in by this response's nonce, and no other
        String nonce = nonce(page);
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).contains("nonce=\"" + nonce + "\"");
        }
        assertThat(count).isPositive();
    }

    private static String nonce(HttpResponse<String> page) {
        Matcher nonce = Pattern.compile("'nonce-([^']+)'")
                .matcher(page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertThat(nonce.find()).isTrue();
        return nonce.group(1);
    }

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    /** The path and query a redirect sends the visitor to. */
    private static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private Tenant tenant(String name) {
        return TenantFixtures.tenantWithAdmin(tenants, encoder, name);
    }

    private Visitor visitor() {
        return new Visitor(baseUrl(), nextClientAddress());
    }

    private static String nextClientAddress() {
        int n = clients.incrementAndGet();
        return n < 255 ? "203.0.113." + n : "198.51.100." + (n - 254);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
