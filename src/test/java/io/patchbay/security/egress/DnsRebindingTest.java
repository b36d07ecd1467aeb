package io.patchbay.security.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/**
 * DNS rebinding: a host that answers one address when the guard checks it and another when the connection is made.
 * The guard looks the host up once per connection and connects to exactly the addresses it checked, so an address it
 * did not check is never reached, whichever of the answers was the inside one.
 *
 * <p>The inside is a listening socket on loopback that nobody accepts from: any connection made to it waits in its
 * backlog, so "nothing connected" is a fact to read afterwards, not a matter of timing.
 */
class DnsRebindingTest {

    /**
     * A public address (the retired 6to4 relay anycast, RFC 7526). Whether a connection there is refused, times out or
     * fails its TLS handshake does not matter: it went there, not inside.
     */
    private static final String PUBLIC = "192.88.99.1";

    @RegisterExtension
    static WireMockExtension sandbox = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ScriptedDns dns = new ScriptedDns();
    private final EgressProperties rules = new EgressProperties(
            List.of("sandbox.test"), Duration.ofSeconds(1), Duration.ofSeconds(2), DataSize.ofKilobytes(4), 2);
    private final EgressClient client = dns.client(rules);
    private ServerSocketChannel inside;

    @BeforeEach
    void listenInside() throws IOException {
        inside = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        inside.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException {
        inside.close();
        client.close();
    }

    @Test
    void aNameThatResolvesInsideIsRefusedWhenSavedNotOnlyWhenCalled() {
        dns.answer("vm.example.com", "127.0.0.1");
        dns.answer("office.example.com", "10.1.2.3");

        assertThatThrownBy(() -> client.check(URI.create("https://vm.example.com/x")))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.NEVER_REACHABLE));
        assertThatThrownBy(() -> client.check(URI.create("https://office.example.com/x")))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class,
                        e -> assertThat(e.rule()).isEqualTo(EgressRule.PUBLIC_ADDRESSES_ONLY));
        // a name that does not resolve yet is checked when it is called
        client.check(URI.create("https://not-yet.example.com/x"));
    }

    @Test
    void theConnectionGoesWhereTheLookupPointed() throws Exception {
        // with loopback counted as private, an allowlisted host may live there: shows that connections use the
        // scripted answers at all
        dns.answer("sandbox.test", "127.0.0.1");
        sandbox.stubFor(get(urlPathEqualTo("/ping")).willReturn(ok("pong")));

        var response = dns.clientReachingLoopback(rules)
                .send("GET", URI.create("http://sandbox.test:" + sandbox.getPort() + "/ping"), Map.of(), null);

        assertThat(response.body()).isEqualTo("pong");
        assertThat(dns.lookups("sandbox.test")).isEqualTo(1);
    }

    @Test
    void aHostThatRebindsToLoopbackAfterTheCheckIsNeverReachedThere() throws Exception {
        dns.answer("rebind.test", PUBLIC, "127.0.0.1");

        assertThatThrownBy(() -> client.send("GET", insideUrl(), Map.of("X-API-Key", "k"), null))
                .as("the connection to the public address it checked fails; it is not retried elsewhere")
                .isInstanceOf(IOException.class);

        assertThat(inside.accept()).as("no connection reached loopback").isNull();
        assertThat(dns.lookups("rebind.test"))
                .as("looked up once, for the check and the connection alike")
                .isEqualTo(1);
    }

    @Test
    void aHostThatAnswersLoopbackFirstIsRefusedNamingTheRule() throws Exception {
        dns.answer("rebind.test", "127.0.0.1", PUBLIC);

        assertThatThrownBy(() -> client.send("GET", insideUrl(), Map.of(), null))
                .isInstanceOfSatisfying(
                        EgressRefusedException.class, e -> assertThat(e.rule()).isEqualTo(EgressRule.NEVER_REACHABLE))
                .hasMessage("rebind.test resolves to 127.0.0.1, a loopback address, which connectors never reach "
                        + "(rule: never-reachable)");

        assertThat(dns.lookups("rebind.test"))
                .as("not asked again for a better answer")
                .isEqualTo(1);
        assertThat(inside.accept()).as("no connection reached loopback").isNull();
    }

    private URI insideUrl() throws IOException {
        return URI.create("https://rebind.test:" + ((InetSocketAddress) inside.getLocalAddress()).getPort() + "/");
    }
}
