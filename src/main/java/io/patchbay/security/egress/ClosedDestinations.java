package io.patchbay.security.egress;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * What no tenant may reach, whatever the allowlist or an exception says: closed address ranges (loopback,
 * link-local, unspecified, multicast, reserved), cloud metadata and loopback host names, every address of the
 * machine the hub runs on (its other ports: the actuator, an embedded database, whatever else listens there) and the
 * host of the hub's own database.
 */
@Component
public class ClosedDestinations {

    private static final Logger log = LoggerFactory.getLogger(ClosedDestinations.class);
    private static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Set<String> LOOPBACK_NAMES =
            Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback");
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal",
            "kubernetes.default",
            "kubernetes.default.svc");
    private static final Pattern AMBIGUOUS_V4 =
            Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");
    private static final Pattern CANONICAL_V4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern JDBC_HOSTS = Pattern.compile("^jdbc:[a-z0-9]+://([^/?;]+)");

    private final List<String> databaseHosts;
    private final boolean loopbackIsPrivate;
    private volatile Set<InetAddress> hubAddresses = Set.of();
    private volatile Instant hubAddressesRead = Instant.EPOCH;

    @Autowired
    ClosedDestinations(ObjectProvider<DataSourceProperties> dataSource) {
        this(databaseHosts(dataSource.getIfAvailable()), false);
    }

    /** The rules with no database of the hub's to protect, for tools and tests outside the hub. */
    public ClosedDestinations() {
        this(List.of(), false);
    }

    /**
     * @param loopbackIsPrivate treats loopback as a private address that an allowlist may open: for tests of
     *     connectors against servers on the test machine only, never in the hub
     */
    ClosedDestinations(List<String> databaseHosts, boolean loopbackIsPrivate) {
        this.databaseHosts = List.copyOf(databaseHosts);
        this.loopbackIsPrivate = loopbackIsPrivate;
    }

    /**
     * Refuses a host that is closed by its name or, for an IP literal, by its address; host names are not looked up.
     *
     * @throws EgressRefusedException {@link EgressRule#NEVER_REACHABLE}
     */
    public void checkName(String host) {
        String name = normalize(host);
        if (METADATA_NAMES.contains(name)) {
            throw neverReachable(host + " names a cloud metadata service");
        }
        if ((LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost")) && !loopbackIsPrivate) {
            throw neverReachable(host + " names this machine");
        }
        if (AMBIGUOUS_V4.matcher(name).matches() && !CANONICAL_V4.matcher(name).matches()) {
            // 127.1, 2130706433, 0x7f000001, 0177.0.0.1: read differently by different resolvers and clients
            throw new EgressRefusedException(
                    EgressRule.VALID_URL,
                    "'" + host + "' is an ambiguous IP address",
                    "Write an IPv4 address as four decimal numbers, such as 10.0.4.17.");
        }
        if (isLiteral(name)) {
            try {
                check(host, InetAddress.getByName(name));
            } catch (UnknownHostException impossible) {
                throw new EgressRefusedException(EgressRule.VALID_URL, "'" + host + "' is not a valid IP address");
            }
        }
    }

    /**
     * Refuses a host that is closed by name or by any address it resolves to now: for requests that would open a
     * host (a network exception), so that a closed one is refused when it is asked for, not when it is first called.
     * A name that does not resolve is not refused here; every call checks again.
     *
     * @throws EgressRefusedException {@link EgressRule#NEVER_REACHABLE}
     */
    public void checkGrantable(String host) {
        checkName(host);
        if (isLiteral(normalize(host))) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(normalize(host))) {
                check(host, address);
            }
        } catch (UnknownHostException e) {
            log.debug("{} does not resolve now; it is checked again on every call", host);
        }
    }

    /** The address's reach for a connector, with closed for this machine's and the hub database's addresses. */
    AddressRules.Verdict judge(InetAddress address) {
        if (loopbackIsPrivate && address.isLoopbackAddress()) {
            return new AddressRules.Verdict(AddressRules.Reach.PRIVATE, "a loopback address (tests only)");
        }
        AddressRules.Verdict verdict = AddressRules.judge(address);
        if (verdict.reach() != AddressRules.Reach.CLOSED && hubAddresses().contains(unscoped(address))) {
            return new AddressRules.Verdict(AddressRules.Reach.CLOSED, "an address of the machine Patchbay runs on");
        }
        return verdict;
    }

    private void check(String host, InetAddress address) {
        AddressRules.Verdict verdict = judge(address);
        if (verdict.reach() == AddressRules.Reach.CLOSED) {
            throw neverReachable(host
                    + (isLiteral(normalize(host)) ? " is " : " resolves to " + AddressRules.describe(address) + ", ")
                    + verdict.kind());
        }
    }

    static EgressRefusedException neverReachable(String why) {
        return new EgressRefusedException(
                EgressRule.NEVER_REACHABLE,
                why + ", which connectors never reach",
                "Use the system's public address, or the private address it has on your own network.");
    }

    private Set<InetAddress> hubAddresses() {
        Instant now = Instant.now();
        if (now.isAfter(hubAddressesRead.plus(REFRESH))) {
            Set<InetAddress> addresses = new HashSet<>();
            try {
                NetworkInterface.networkInterfaces()
                        .flatMap(NetworkInterface::inetAddresses)
                        .map(ClosedDestinations::unscoped)
                        .forEach(addresses::add);
            } catch (SocketException e) {
                log.warn("Could not list this machine's addresses; only the closed ranges apply", e);
            }
            for (String host : databaseHosts) {
                try {
                    for (InetAddress address : InetAddress.getAllByName(host)) {
                        addresses.add(unscoped(address));
                    }
                } catch (UnknownHostException e) {
                    log.debug("The database host {} does not resolve now", host);
                }
            }
            hubAddresses = Set.copyOf(addresses);
            hubAddressesRead = now;
        }
        return hubAddresses;
    }

    private static InetAddress unscoped(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException impossible) {
            return address;
        }
    }

    static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** An IPv4 or IPv6 literal, in any form Java would read as one. */
    static boolean isLiteral(String name) {
        return name.contains(":") || name.matches("[0-9.]+") || name.matches("0x[0-9a-f.x]+");
    }

    private static List<String> databaseHosts(@Nullable DataSourceProperties dataSource) {
        String url = dataSource == null ? null : dataSource.getUrl();
        if (url == null) {
            return List.of();
        }
        Matcher matcher = JDBC_HOSTS.matcher(url);
        if (!matcher.find()) {
            return List.of();
        }
        return java.util.Arrays.stream(matcher.group(1).split(","))
                .map(hostAndPort -> hostAndPort.startsWith("[")
                        ? hostAndPort.substring(1, hostAndPort.indexOf(']'))
                        : hostAndPort.replaceFirst(":\\d+$", ""))
                .filter(host -> !host.isBlank())
                .collect(Collectors.toList());
    }
}
