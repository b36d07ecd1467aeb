package io.patchbay.security.egress;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The guard's decision as the socket's destination, for drivers that open their own connections (JDBC). A driver is
 * given {@link Factory} by class name as its socket factory and opens its connection inside {@link #open}: every
 * socket it makes there connects to the {@link CheckedAddress} and nowhere else. Whatever the driver was told or
 * told itself (a host-overriding option, a server's redirect, a second DNS answer), a socket asked to connect
 * anywhere else is refused, and so is any socket made outside {@link #open}.
 *
 * <p>The destination is held for the calling thread: drivers must be told to connect on it (no login-timeout thread).
 *
 * @see <a href="../../../../../../../docs/adr/0022-settings-never-steer-a-driver.md">ADR 22</a>
 */
public final class GuardedSockets {

    private static final ThreadLocal<@Nullable CheckedAddress> DESTINATION = new ThreadLocal<>();

    private GuardedSockets() {}

    /** What opens a driver's connection; it may throw what the driver throws. */
    @FunctionalInterface
    public interface Opening<T, E extends Exception> {
        T open() throws E;
    }

    /** Opens a connection on this thread with every socket the driver makes through {@link Factory} held to it. */
    public static <T, E extends Exception> T open(CheckedAddress destination, Opening<T, E> opening) throws E {
        CheckedAddress outer = DESTINATION.get();
        DESTINATION.set(destination);
        try {
            return opening.open();
        } finally {
            DESTINATION.set(outer);
        }
    }

    /**
     * The egress guard's refusal behind a driver's connection failure, if that is what it was: drivers wrap what a
     * socket throws, and the refusal is a configuration error, not a network one.
     */
    public static @Nullable EgressRefusedException refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof EgressRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /** The socket factory drivers instantiate by name (public, with a public no-argument constructor). */
    public static final class Factory extends SocketFactory {

        public Factory() {}

        @Override
        public Socket createSocket() {
            return new GuardedSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private static Socket connected(InetSocketAddress endpoint) throws IOException {
            Socket socket = new GuardedSocket();
            socket.connect(endpoint);
            return socket;
        }
    }

    /** A plain TCP socket that connects only to the checked address of the connection being opened. */
    private static final class GuardedSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            CheckedAddress destination = DESTINATION.get();
            if (destination == null) {
                throw refused("A connection was opened without an address the guard checked", null);
            }
            InetSocketAddress checked = destination.socket();
            if (!(endpoint instanceof InetSocketAddress asked)
                    || asked.isUnresolved()
                    || !checked.getAddress().equals(asked.getAddress())
                    || checked.getPort() != asked.getPort()) {
                throw refused(
                        "The driver was sent to " + endpoint + " instead of the checked address " + destination,
                        destination);
            }
            super.connect(checked, timeout);
        }

        private static ConnectException refused(String why, @Nullable CheckedAddress destination) {
            var error = new ConnectException(why);
            error.initCause(new EgressRefusedException(
                    EgressRule.CHECKED_ADDRESS_ONLY,
                    destination == null
                            ? "Patchbay connects only to addresses it checked"
                            : "Patchbay connects only to the address it checked for " + destination.host()));
            return error;
        }
    }
}
