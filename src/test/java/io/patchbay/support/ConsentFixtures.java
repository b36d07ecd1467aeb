package io.patchbay.support;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConsentGrant;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentOutcome;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.ConsentSession;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A person at the sandbox calendar's sign-in page, over HTTP as a browser would be: opens the consent URL, answers
 * Allow or Deny, and reads where the calendar sends them back, with what.
 */
public final class ConsentFixtures {

    public static final String TEMPLATE = "sandbox-calendar-events";

    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsentFixtures() {}

    /** Answers the consent page at {@code consentUrl}; returns the query parameters of the way back. */
    public static Map<String, String> answer(URI consentUrl, boolean allow) {
        try {
            HttpResponse<String> page =
                    HTTP.send(HttpRequest.newBuilder(consentUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("The sign-in page answered " + page.statusCode() + ": " + page.body());
            }
            Map<String, String> form = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(page.body());
            while (hidden.find()) {
                form.put(hidden.group(1), HtmlUtils.htmlUnescape(hidden.group(2)));
            }
            form.put("decision", allow ? "allow" : "deny");
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> back = HTTP.send(
                    HttpRequest.newBuilder(consentUrl.resolve(consentUrl.getPath()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = back.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("No way back: " + back.statusCode()));
            return UriComponentsBuilder.fromUriString(location)
                    .build(true)
                    .getQueryParams()
                    .toSingleValueMap()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8),
                            (a, b) -> a,
                            LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The flow at the connector alone, for settings that hold tokens: consent URL, Allow, code redeemed. */
    public static ConsentGrant grant(Connector connector, ConnectorSettings settings, SandboxCalendar calendar) {
        var config = connector.configure(settings);
        ConsentRequest request = ConsentRequest.start(URI.create(calendar.redirectUri()));
        Map<String, String> back = answer(connector.consentUrl(config, request), true);
        return connector.redeem(config, request, back.get("code"));
    }

    /** A draft of the calendar template with its details saved, as the setup leaves it before Connect. */
    public static Connection calendarDraft(
            ConnectionService connections, SandboxCalendar calendar, TenantId tenant, String name) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(TEMPLATE);
            return connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(
                            name,
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("baseUrl", calendar.baseUrl())
                                    .put("clientId", calendar.clientId()),
                            Map.of("clientSecret", calendar.clientSecret())));
        });
    }

    /** Connect pressed, Allow pressed, and the callback completed, as the admin of the tenant. */
    public static ConsentOutcome connect(
            ConsentService consents, Connection connection, TenantId tenant, boolean allow) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            ConsentSession session = new ConsentSession();
            Map<String, String> back = answer(consents.start(connection.id(), session), allow);
            return consents.complete(session, back);
        });
    }
}
