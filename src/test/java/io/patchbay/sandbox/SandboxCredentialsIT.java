package io.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.Actors;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The sandbox systems' APIs know the account from the credential they are given: one organisation's API key, OAuth2
 * client, codes and tokens read and change nothing of another's, over HTTP as a connection calls them.
 */
@IntegrationTest
class SandboxCredentialsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxBilling billing;

    @Autowired
    SandboxCalendar calendar;

    @Autowired
    ObjectMapper json;

    private Tenant ours;
    private Tenant theirs;

    @BeforeEach
    void twoOrganisations() {
        ours = TenantFixtures.tenantWithAdmin(tenants, encoder, "Key Holder");
        theirs = TenantFixtures.tenantWithAdmin(tenants, encoder, "Other Key Holder");
    }

    @Test
    void anApiKeyReadsAndChangesOnlyItsOwnAccountsContacts() throws Exception {
        String ourKey = admin(ours, crm::apiKey);
        String theirKey = admin(theirs, crm::apiKey);
        SandboxContact theirContact =
                admin(theirs, () -> crm.addContact("Their", "Contact", "their.contact@example.com", null));

        List<String> ourIds = contactIds(ourKey);
        assertThat(ourIds).hasSize(admin(ours, crm::contactCount)).doesNotContainAnyElementsOf(contactIds(theirKey));
        assertThat(crm("GET", "/contacts/" + theirContact.id(), ourKey, null).statusCode())
                .isEqualTo(404);
        assertThat(crm("PATCH", "/contacts/" + theirContact.id(), ourKey, "{\"phone\":\"+1 555 0000\"}")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> upsert = crm(
                "PUT",
                "/contacts/by-email/their.contact@example.com",
                ourKey,
                "{\"first_name\":\"Mine\",\"last_name\":\"Now\",\"company\":\"Ours\"}");
        assertThat(upsert.statusCode()).as("a contact of our own, not theirs").isEqualTo(201);

        JsonNode theirsStill = json.readTree(
                crm("GET", "/contacts/" + theirContact.id(), theirKey, null).body());
        assertThat(theirsStill.path("first_name").asString()).isEqualTo("Their");
        assertThat(theirsStill.path("phone").isNull()).isTrue();
        assertThat(crm("GET", "/contacts", "sbx_nobodys_key_00000000000", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void billingClientCredentialsAndTokensReadOnlyTheirOwnAccount() throws Exception {
        String ourId = admin(ours, billing::clientId);
        String ourSecret = admin(ours, billing::clientSecret);
        String theirId = admin(theirs, billing::clientId);
        String theirSecret = admin(theirs, billing::clientSecret);

        assertThat(billingToken(ourId, theirSecret).statusCode()).isEqualTo(401);
        String ourToken = json.readTree(billingToken(ourId, ourSecret).body())
                .path("access_token")
                .asString();
        String theirToken = json.readTree(billingToken(theirId, theirSecret).body())
                .path("access_token")
                .asString();

        List<String> ourInvoices = invoiceIds(ourToken);
        assertThat(ourInvoices)
                .hasSize(admin(ours, billing::invoiceCount))
                .doesNotContainAnyElementsOf(invoiceIds(theirToken));
        // our token, relabelled as theirs, is not signed with their secret
        String[] parts = ourToken.substring("sbt_".length()).split("\\.");
        String relabelled = "sbt_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(theirId.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
        assertThat(get(billing.baseUrl() + "/v1/invoices", "Bearer " + relabelled)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aConsentBelongsToTheAccountWhoseClientAskedAndOnlyThatClientRedeemsAndRefreshesIt() throws Exception {
        String ourClient = admin(ours, calendar::clientId) + ":" + admin(ours, calendar::clientSecret);
        String theirClient = admin(theirs, calendar::clientId) + ":" + admin(theirs, calendar::clientSecret);
        String verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";

        String code = ConsentFixtures.answer(authorizeUrl(admin(ours, calendar::clientId), verifier), true)
                .get("code");
        assertThat(admin(ours, calendar::activeConsents))
                .as("Allow on the sign-in page writes nothing in the account before its client redeems the code")
                .isZero();
        Map<String, String> redeem = Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                calendar.redirectUri(),
                "code_verifier",
                verifier);
        HttpResponse<String> stolen = calendarToken(theirClient, redeem);
        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(json.readTree(stolen.body()).path("error").asString()).isEqualTo("invalid_grant");
        JsonNode tokens = json.readTree(calendarToken(ourClient, redeem).body());
        assertThat(tokens.path("access_token").asString())
                .as("another's attempt did not spend the code")
                .startsWith("sca_");
        assertThat(admin(ours, calendar::activeConsents)).isOne();
        assertThat(admin(theirs, calendar::activeConsents)).isZero();

        JsonNode events = json.readTree(get(
                        calendar.baseUrl() + "/v1/events",
                        "Bearer " + tokens.path("access_token").asString())
                .body());
        assertThat(events.path("total").asInt()).isEqualTo(admin(ours, calendar::eventCount));

        Map<String, String> refresh = Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                tokens.path("refresh_token").asString());
        assertThat(calendarToken(theirClient, refresh).statusCode()).isEqualTo(400);
        assertThat(calendarToken(ourClient, refresh).statusCode())
                .as("another's attempt did not spend the refresh token")
                .isEqualTo(200);

        HttpResponse<String> unknown = HTTP.send(
                HttpRequest.newBuilder(authorizeUrl("sbx_calendar_nobody", verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("This sign-in link is not valid");
    }

    private List<String> contactIds(String apiKey) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode body = json.readTree(crm("GET", "/contacts?page_size=200&page=" + page, apiKey, null)
                    .body());
            body.path("data").forEach(contact -> ids.add(contact.path("id").asString()));
            if (!body.path("has_more").asBoolean()) {
                return ids;
            }
        }
    }

    private List<String> invoiceIds(String token) throws IOException {
        List<String> ids = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode body = json.readTree(get(
                            billing.baseUrl() + "/v1/invoices?limit=100"
                                    + (after.isEmpty() ? "" : "&starting_after=" + after),
                            "Bearer " + token)
                    .body());
            body.path("data").forEach(invoice -> ids.add(invoice.path("id").asString()));
            if (body.path("next_cursor").isNull()) {
                return ids;
            }
            after = body.path("next_cursor").asString();
        }
    }

    private URI authorizeUrl(String clientId, String verifier) throws Exception {
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", calendar.redirectUri());
        query.put("scope", "events.read");
        query.put("state", "st");
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        return URI.create(calendar.authorizeUrl() + "?" + form(query));
    }

    private HttpResponse<String> crm(String method, String path, String apiKey, String body) {
        var request = HttpRequest.newBuilder(URI.create(crm.apiUrl() + path))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    private HttpResponse<String> billingToken(String clientId, String clientSecret) {
        return send(HttpRequest.newBuilder(URI.create(billing.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))))
                .build());
    }

    private HttpResponse<String> calendarToken(String client, Map<String, String> params) {
        return send(HttpRequest.newBuilder(URI.create(calendar.tokenUrl()))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build());
    }

    private HttpResponse<String> get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
