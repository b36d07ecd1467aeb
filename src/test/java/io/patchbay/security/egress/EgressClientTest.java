package io.patchbay.security.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** The egress guard's rules, against a real HTTP server and real address resolution. */
class EgressClientTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final EgressProperties RULES = new EgressProperties(
            List.of("localhost"), Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofKilobytes(4), 2);

    /** The hub's rules: loopback is closed, whatever the allowlist says. */
    private static final EgressClient guard = new EgressClient(RULES);

    /**
     * For the tests that need a server: loopback counts as private, and only "localhost" is allowlisted, so 127.0.0.1
     * (the same machine, not on the list) is still refused.
     */
    private static final EgressClient client = TestEgress.reachingLoopback(RULES);

    @AfterAll
    static void close() throws Exception {
        client.close();
        guard.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.1.2.3/",
                "https://172.16.0.1/",
                "https://192.168.1.1/",
                "https://100.64.0.1/",
                "https://[fd00::1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[64:ff9b::a00:1]/"
            })
    void privateAddressesNeedAnException(String url) {
        assertThatThrownBy(() -> guard.send("GET", URI.create(url), Map.of(), null))
                .isInstanceOfSatisfying(EgressRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo(EgressRule.PUBLIC_ADDRESSES_ONLY);
                    assertThat(e.fix()).contains("network exception");
                })
                .hasMessageContaining("needs an approved network exception");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/",
                "https://127.1.2.3:5432/",
                "https://169.254.169.254/latest/meta-data",
                "https://224.0.0.1/",
                "https://0.0.0.0/",
                "https://255.255.255.255/",
                "https://[::1]/",
                "https://[::]/",
                "https://[fe80::1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:169.254.169.254]/",
                "https://[64:ff9b::7f00:1]/",
                "https://[2002:7f00:1::]/",
                "https://localhost/",
                "https://LOCALHOST./",
                "https://api.localhost/",
                "https://metadata.google.internal/computeMetadata/v1/"
            })
    void closedDestinationsAreNeverReachedWhateverTheAllowlist(String url) {
        EgressProperties everything = new EgressProperties(
                List.of(URI.create(url).getHost().replace("[", "").replace("]", "")),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                DataSize.ofKilobytes(4),
                2);
        try (var allowlisted = new EgressClient(everything)) {
            assertThatThrownBy(() -> allowlisted.send("GET", URI.create(url), Map.of(), null))
                    .isInstanceOfSatisfying(
                            EgressRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(EgressRule.NEVER_REACHABLE))
                    .hasMessageContaining("never reach");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theMachinesOwnAddressesAreClosed() throws Exception {
        var own = java.net.NetworkInterface.networkInterfaces()
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(own.isPresent(), "this machine has an address besides loopback");
        assertThatThrownBy(() -> guard.check(own.get().getHostAddress(), 5432))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.NEVER_REACHABLE))
                .hasMessageContaining("the machine Patchbay runs on");
    }

    @Test
    void publicAddressesArePublicAndMetadataAddressesAreClosedWhateverTheirRange() throws Exception {
        for (String address : List.of("8.8.8.8", "2606:4700:4700::1111", "100.128.0.1", "[2002:0808:0808::]")) {
            assertThat(AddressRules.judge(InetAddress.getByName(address)).reach())
                    .as(address)
                    .isEqualTo(AddressRules.Reach.PUBLIC);
        }
        for (String address : List.of("100.100.100.200", "168.63.129.16", "fd00:ec2::254", "::ffff:100.100.100.200")) {
            assertThat(AddressRules.judge(InetAddress.getByName(address)).kind())
                    .as(address)
                    .isEqualTo("a cloud metadata address");
        }
    }

    @Test
    void plainHttpOnlyForAllowlistedHosts() {
        assertThatThrownBy(() -> client.check(URI.create("http://api.example.com/")))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.HTTPS_ONLY));
        client.check(URI.create("http://localhost:8080/anything"));
    }

    @Test
    void onTheHubsOwnOriginOnlyItsMachineEndpointsAreOpen() throws Exception {
        server.stubFor(get(urlPathEqualTo("/sandbox/crm/contacts")).willReturn(ok("contacts")));
        var hub = new HubEndpoints(URI.create(server.baseUrl()), List.of("/sandbox/crm/", "/hooks/"));
        try (var hubGuard = new EgressClient(
                RULES,
                TenantExceptions.NONE,
                org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE,
                new ClosedDestinations(),
                hub)) {
            assertThat(hubGuard.send("GET", URI.create(server.baseUrl() + "/sandbox/crm/contacts"), Map.of(), null)
                            .body())
                    .isEqualTo("contacts");
            for (String path : List.of(
                    "/actuator/health",
                    "/sandbox/crm/../../actuator/health",
                    "/sandbox/crm/%2e%2e/%2e%2e/actuator",
                    "/sandbox/crm/..%2f..%2factuator",
                    "/sandbox/crm;/../../actuator",
                    "/sandbox/crm//x",
                    "/sandbox/crmx/",
                    "/")) {
                assertThatThrownBy(() -> hubGuard.send("GET", URI.create(server.baseUrl() + path), Map.of(), null))
                        .as(path)
                        .isInstanceOfSatisfying(
                                EgressRefusedException.class,
                                e -> assertThat(e.rule()).isEqualTo(EgressRule.HUB_PATHS));
            }
            int otherPort = server.getPort() + 1;
            assertThatThrownBy(() -> hubGuard.send(
                            "GET", URI.create("http://localhost:" + otherPort + "/sandbox/crm/x"), Map.of(), null))
                    .as("another port of the same machine is not the hub's origin")
                    .isInstanceOfSatisfying(
                            EgressRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(EgressRule.NEVER_REACHABLE));
        }
        server.verify(0, getRequestedFor(urlPathEqualTo("/actuator/health")));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> client.check(URI.create("https://user:secret@api.example.com/")))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class,
                        e -> assertThat(e.rule()).isEqualTo(EgressRule.NO_CREDENTIALS_IN_URL))
                .hasMessageNotContaining("secret");
    }

    @Test
    void anAllowlistedHostIsCalled() throws Exception {
        server.stubFor(get(urlPathEqualTo("/ping")).willReturn(ok("pong")));
        EgressResponse response =
                client.send("GET", URI.create(server.baseUrl() + "/ping"), Map.of("X-API-Key", "k"), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void eachRedirectHopIsCheckedAgain() {
        // localhost is allowlisted, 127.0.0.1 is not: the hop to it must be refused
        server.stubFor(get(urlPathEqualTo("/away"))
                .willReturn(temporaryRedirect("http://127.0.0.1:" + server.getPort() + "/inside")));
        assertThatThrownBy(() -> client.send("GET", URI.create(server.baseUrl() + "/away"), Map.of(), null))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.HTTPS_ONLY));
        server.verify(0, getRequestedFor(urlPathEqualTo("/inside")));
    }

    @Test
    void sameOriginRedirectsKeepHeadersAndLoopsEnd() throws Exception {
        server.stubFor(get(urlPathEqualTo("/old")).willReturn(temporaryRedirect("/new")));
        server.stubFor(get(urlPathEqualTo("/new")).willReturn(ok("moved")));
        var response = client.send("GET", URI.create(server.baseUrl() + "/old"), Map.of("X-API-Key", "k"), null);
        assertThat(response.body()).isEqualTo("moved");
        server.verify(getRequestedFor(urlPathEqualTo("/new")).withHeader("X-API-Key", equalTo("k")));

        server.stubFor(get(urlPathEqualTo("/loop")).willReturn(temporaryRedirect("/loop")));
        assertThatThrownBy(() -> client.send("GET", URI.create(server.baseUrl() + "/loop"), Map.of(), null))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class,
                        e -> assertThat(e.rule()).isEqualTo(EgressRule.TOO_MANY_REDIRECTS));
        server.verify(getRequestedFor(urlPathEqualTo("/loop")).withHeader("X-API-Key", absent()));
    }

    @Test
    void responsesOverTheLimitAreRefused() {
        server.stubFor(get(urlPathEqualTo("/big")).willReturn(ok("x".repeat(5000))));
        assertThatThrownBy(() -> client.send("GET", URI.create(server.baseUrl() + "/big"), Map.of(), null))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.RESPONSE_SIZE));
    }
}
