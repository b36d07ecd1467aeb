package io.patchbay.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A host on a private network of the tests' own, as a customer's database would be: a network namespace joined to
 * this machine by a veth pair ({@value #GATEWAY} on this side, {@value #HOST} on the other), where a relay forwards a
 * port to a server on this machine's loopback. The hub reaches {@value #HOST} as it reaches any system on a
 * customer's network: a private address that is not one of its machine's own, opened by an approved network
 * exception. Loopback itself stays closed to the hub, as in production.
 *
 * <p>Needs root and iproute2, as CI has them ({@code .ci/run} installs iproute2 where it is missing).
 */
public final class PrivateNetwork {

    public static final String HOST = "10.213.0.2";
    public static final String GATEWAY = "10.213.0.1";
    private static final String NAMESPACE = "patchbay-lan";

    private static final Map<Integer, Integer> EXPOSED = new HashMap<>();
    private static final List<AutoCloseable> RELAYS = new ArrayList<>();

    private PrivateNetwork() {}

    /**
     * Makes a server on this machine's loopback reachable at {@value #HOST} on the same port number; idempotent.
     *
     * @return the port on {@value #HOST}
     */
    public static synchronized int expose(int loopbackPort) {
        if (EXPOSED.containsKey(loopbackPort)) {
            return EXPOSED.get(loopbackPort);
        }
        create();
        try {
            var near = new TcpRelay(
                    new InetSocketAddress(InetAddress.getByName(GATEWAY), 0),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort));
            RELAYS.add(near);
            Path classes = Path.of(TcpRelay.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Process far = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            NAMESPACE,
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx32m",
                            "-cp",
                            classes.toString(),
                            TcpRelay.class.getName(),
                            HOST,
                            String.valueOf(loopbackPort),
                            GATEWAY,
                            String.valueOf(near.port()))
                    .redirectErrorStream(true)
                    .start();
            RELAYS.add(far::destroy);
            var out = new BufferedReader(new InputStreamReader(far.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"listening".equals(line)) {
                throw new IllegalStateException("The relay in " + NAMESPACE + " did not start: " + line);
            }
            if (EXPOSED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(PrivateNetwork::closeAll));
            }
            EXPOSED.put(loopbackPort, loopbackPort);
            return loopbackPort;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void create() {
        if (run("ip", "netns", "exec", NAMESPACE, "ip", "-br", "addr", "show", "dev", "pb-lan") == 0) {
            return;
        }
        run("ip", "netns", "delete", NAMESPACE);
        run("ip", "link", "delete", "pb-host");
        require("ip", "netns", "add", NAMESPACE);
        require("ip", "link", "add", "pb-host", "type", "veth", "peer", "name", "pb-lan");
        require("ip", "link", "set", "pb-lan", "netns", NAMESPACE);
        require("ip", "addr", "add", GATEWAY + "/30", "dev", "pb-host");
        require("ip", "link", "set", "pb-host", "up");
        require("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", HOST + "/30", "dev", "pb-lan");
        require("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "pb-lan", "up");
        require("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up");
    }

    private static synchronized void closeAll() {
        for (AutoCloseable relay : RELAYS) {
            try {
                relay.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }
        RELAYS.clear();
    }

    private static void require(String... command) {
        int exit = run(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + exit
                    + "): the tests' private network needs root and iproute2");
        }
    }

    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
