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

    /** Only "localhost" is allowlisted: 127.0.0.1 is the same machine but not on the list. */
    private static final EgressClient client = new EgressClient(new EgressProperties(
            List.of("localhost"), Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofKilobytes(4), 2));

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/",
                "https://10.1.2.3/",
                "https://172.16.0.1/",
                "https://192.168.1.1/",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/",
                "https://224.0.0.1/",
                "https://0.0.0.0/",
                "https://[::1]/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[64:ff9b::a00:1]/"
            })
    void nonPublicAddressesAreRefusedBeforeAnyConnection(String url) {
        assertThatThrownBy(() -> client.send("GET", URI.create(url), Map.of(), null))
                .isInstanceOfSatisfying(EgressRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(EgressRule.PUBLIC_ADDRESSES_ONLY))
                .hasMessageContaining("not a public address");
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        assertThat(AddressRules.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AddressRules.isPublic(InetAddress.getByName("2606:4700:4700::1111")))
                .isTrue();
        assertThat(AddressRules.isPublic(InetAddress.getByName("100.128.0.1"))).isTrue();
    }

    @Test
    void plainHttpOnlyForAllowlistedHosts() {
        assertThatThrownBy(() -> client.check(URI.create("http://api.example.com/")))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.HTTPS_ONLY));
        client.check(URI.create("http://localhost:8080/sandbox/crm"));
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> client.check(URI.create("https://user:secret@api.example.com/")))
                .isInstanceOfSatisfying(EgressRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(EgressRule.NO_CREDENTIALS_IN_URL))
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
                .isInstanceOfSatisfying(EgressRefusedException.class, e -> assertThat(e.rule())
                        .isEqualTo(EgressRule.TOO_MANY_REDIRECTS));
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
