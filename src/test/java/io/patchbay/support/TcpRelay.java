package io.patchbay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards every connection made to one address to another, byte for byte, until either side closes. Runs in the
 * tests' own process (on this machine's side of {@link PrivateNetwork}) and as a process of its own inside the
 * private network's namespace; that one prints {@code listening} once it accepts, and exits when its standard input
 * closes, so it never outlives the test JVM that started it.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;

    public TcpRelay(InetSocketAddress listenOn, InetSocketAddress target) throws IOException {
        this.listener = new ServerSocket();
        this.listener.setReuseAddress(true);
        this.listener.bind(listenOn);
        this.target = target;
        Thread acceptor = new Thread(this::accept, "tcp-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 5_000);
                } catch (IOException e) {
                    client.close();
                    server.close();
                    continue;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // the other side went away
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** {@code TcpRelay <listen address> <listen port> <target address> <target port>} */
    public static void main(String[] args) throws Exception {
        try (var relay = new TcpRelay(
                new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])),
                new InetSocketAddress(InetAddress.getByName(args[2]), Integer.parseInt(args[3])))) {
            System.out.println("listening");
            System.out.flush();
            while (System.in.read() != -1) {
                // runs until the parent closes our standard input (or dies)
            }
        }
        System.exit(0);
    }
}
