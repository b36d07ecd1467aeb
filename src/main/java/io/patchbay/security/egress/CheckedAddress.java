package io.patchbay.security.egress;

import java.net.InetSocketAddress;

/**
 * A host's address as the egress guard checked it for the tenant in scope, with the port to reach it on. Only the
 * guard makes one ({@link EgressClient#check(String, int)}), so holding one means the address passed the rules; a
 * driver's connection is opened to it through {@link GuardedSockets}, never to the host name again.
 */
public final class CheckedAddress {

    private final String host;
    private final InetSocketAddress socket;

    CheckedAddress(String host, InetSocketAddress socket) {
        this.host = host;
        this.socket = socket;
    }

    /** The host as the person entered it, for messages. */
    public String host() {
        return host;
    }

    /** The checked address as text a driver takes for a host: an IPv4 literal, or an IPv6 one without brackets. */
    public String literal() {
        return socket.getAddress().getHostAddress();
    }

    public int port() {
        return socket.getPort();
    }

    InetSocketAddress socket() {
        return socket;
    }

    @Override
    public String toString() {
        return host + " (" + literal() + "):" + port();
    }
}
