package io.patchbay.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where nothing of a tenant's may connect: a TCP port on loopback and a Unix socket, both listening and never
 * accepting. A connection made to either waits in its backlog, so "nothing connected" is read afterwards, not a
 * matter of timing.
 */
public final class Listeners implements AutoCloseable {

    private final ServerSocketChannel loopback;
    private final ServerSocketChannel unixSocket;
    private final Path socketFile;

    private Listeners(ServerSocketChannel loopback, ServerSocketChannel unixSocket, Path socketFile) {
        this.loopback = loopback;
        this.unixSocket = unixSocket;
        this.socketFile = socketFile;
    }

    public static Listeners open() {
        try {
            var loopback = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            loopback.configureBlocking(false);
            // short: a Unix socket's path has a limit, and a database name one too
            Path socketFile = Files.createTempDirectory("pb").resolve("db.sock");
            var unixSocket =
                    ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socketFile));
            unixSocket.configureBlocking(false);
            return new Listeners(loopback, unixSocket, socketFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loopback port. */
    public int port() {
        try {
            return ((InetSocketAddress) loopback.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path socketFile() {
        return socketFile;
    }

    public void assertNothingConnected() {
        try {
            assertThat(loopback.accept())
                    .as("a connection reached the loopback listener")
                    .isNull();
            assertThat(unixSocket.accept())
                    .as("a connection reached the Unix socket")
                    .isNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of the hub's own (embedded) database. */
    public static int hubDatabasePort(JdbcTemplate sql) {
        String url = sql.execute((java.sql.Connection c) -> c.getMetaData().getURL());
        return URI.create(url.substring("jdbc:".length())).getPort();
    }

    @Override
    public void close() throws IOException {
        loopback.close();
        unixSocket.close();
        Files.deleteIfExists(socketFile);
    }
}
