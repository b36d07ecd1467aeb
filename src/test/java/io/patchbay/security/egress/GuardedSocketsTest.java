package io.patchbay.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A driver's socket goes only where the guard checked: to the checked address and port while its connection is
 * opened, and nowhere at all outside that.
 */
class GuardedSocketsTest {

    private final EgressClient guard = TestEgress.reachingLoopback("127.0.0.1");
    private ServerSocketChannel checked;
    private ServerSocketChannel elsewhere;

    @BeforeEach
    void listen() throws IOException {
        checked = listener();
        elsewhere = listener();
    }

    @AfterEach
    void close() throws IOException {
        checked.close();
        elsewhere.close();
    }

    @Test
    void aSocketConnectsToTheCheckedAddress() throws Exception {
        CheckedAddress destination = guard.check("127.0.0.1", port(checked));
        try (Socket socket = GuardedSockets.open(destination, () -> {
            Socket made = new GuardedSockets.Factory().createSocket();
            made.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(checked)), 2_000);
            return made;
        })) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(checked.accept()).isNotNull();
    }

    @Test
    void aSocketSentElsewhereIsRefusedAsTheGuardsDecision() throws Exception {
        CheckedAddress destination = guard.check("127.0.0.1", port(checked));
        assertThatThrownBy(() -> GuardedSockets.open(
                        destination, () -> new GuardedSockets.Factory().createSocket("127.0.0.1", port(elsewhere))))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(GuardedSockets.refusal(e))
                        .isNotNull()
                        .extracting(EgressRefusedException::rule)
                        .isEqualTo(EgressRule.CHECKED_ADDRESS_ONLY));
        assertThat(elsewhere.accept()).as("nothing reached the other port").isNull();
    }

    @Test
    void aSocketMadeOutsideAGuardedOpeningConnectsNowhere() throws Exception {
        assertThatThrownBy(() -> new GuardedSockets.Factory().createSocket("127.0.0.1", port(checked)))
                .isInstanceOf(ConnectException.class);
        assertThat(checked.accept()).isNull();
    }

    private static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel channel =
                ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static int port(ServerSocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }
}
