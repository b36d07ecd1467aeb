package io.patchbay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a free port and a database directory of its own before it starts: the
 * sandbox systems' URL (which a connection dials over HTTP) is then known when the catalog builds its templates, and
 * two contexts alive at once (one with SSO configured, say) never share a database.
 */
public class TestHubInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port = freePort();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test-hub",
                        Map.of(
                                "server.port", port,
                                "patchbay.sandbox.base-url", "http://localhost:" + port,
                                "patchbay.embedded-database.data-directory", "target/it-postgres/" + port)));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
