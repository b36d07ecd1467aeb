package io.patchbay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser's worth of plain HTTP against the hub: its own cookies, redirects not followed, every {@code Location} it
 * was sent kept. It comes from the client address it names, sent as {@code X-Forwarded-For} the way the load balancer
 * in front of the hub sends it (the hub trusts that header from proxies on private and loopback addresses only).
 */
public final class Visitor {

    private static final Pattern CSRF_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">");

    private final String baseUrl;
    private final String address;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final List<String> locations = new CopyOnWriteArrayList<>();

    public Visitor(String baseUrl, String address) {
        this.baseUrl = baseUrl;
        this.address = address;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String address() {
        return address;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A form POST with these fields and extra headers. */
    public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
        var request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * Opens the login page and sends its form, with the CSRF token the page carries, as the browser does; returns
     * where the hub sends the visitor next.
     */
    public String signIn(String username, String password) {
        String token = csrfToken(get("/login"));
        HttpResponse<String> answer =
                post("/login", Map.of("username", username, "password", password, "_csrf", token), Map.of());
        return answer.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect after signing in: " + answer.statusCode()));
    }

    /** Whether the hub lets this visitor in: the hub page answers instead of sending them to the login page. */
    public boolean isSignedIn() {
        return get("/").statusCode() == 200;
    }

    public static String csrfToken(HttpResponse<String> page) {
        Matcher token = CSRF_TOKEN.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("the page carries no CSRF token: " + page.statusCode());
        }
        return token.group(1);
    }

    /** Every {@code Location} header this visitor was sent, oldest first. */
    public List<String> locations() {
        return List.copyOf(locations);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .findFirst();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-Forwarded-For", address);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Location").forEach(locations::add);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
