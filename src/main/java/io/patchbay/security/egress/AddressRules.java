package io.patchbay.security.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Set;

/**
 * Which IP addresses a connector may reach: public ones; private ones only for hosts a tenant was granted; closed
 * ones never. An IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address,
 * since that is where a gateway would send it.
 */
final class AddressRules {

    enum Reach {
        PUBLIC,
        PRIVATE,
        CLOSED
    }

    /** An address's reach and, unless public, what kind of address it is in words. */
    record Verdict(Reach reach, String kind) {}

    private static final Verdict PUBLIC = new Verdict(Reach.PUBLIC, "a public address");

    /**
     * Cloud metadata and host services outside the closed ranges: AWS's IPv6 instance metadata (a unique local
     * address), Alibaba's (carrier-grade NAT), Azure's wire server (a public address).
     */
    private static final Set<String> METADATA_ADDRESSES =
            Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "168.63.129.16");

    private AddressRules() {}

    static Verdict judge(InetAddress address) {
        if (METADATA_ADDRESSES.contains(address.getHostAddress().replaceFirst("%.*$", ""))) {
            return closed("a cloud metadata address");
        }
        if (address instanceof Inet4Address) {
            return judgeV4(address.getAddress());
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return closed("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return closed("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return closed("a link-local address");
        }
        if (address.isMulticastAddress()) {
            return closed("a multicast address");
        }
        if (leadingZeroBytes(b) >= 10
                && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96 (Java unwraps only the mapped form of literals)
            return judgeV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48
            return judgeV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            // 6to4 2002::/16 carries an IPv4 address in bytes 2..5
            return judgeV4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return closed("a Teredo tunnel address");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return closed("a documentation address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return new Verdict(Reach.PRIVATE, "a private (unique local) address");
        }
        if (address.isSiteLocalAddress()) {
            return new Verdict(Reach.PRIVATE, "a private (site-local) address");
        }
        if ((b[0] & 0xe0) != 0x20) {
            // only 2000::/3 is allocated as global unicast
            return closed("a reserved address");
        }
        return PUBLIC;
    }

    private static Verdict judgeV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        if (METADATA_ADDRESSES.contains(first + "." + second + "." + third + "." + (b[3] & 0xff))) {
            return closed("a cloud metadata address");
        }
        if (first == 127) {
            return closed("a loopback address");
        }
        if (first == 0) {
            return closed("the unspecified address or \"this network\"");
        }
        if (first == 169 && second == 254) {
            return closed("a link-local address (cloud metadata lives there)");
        }
        if (first >= 224 && first < 240) {
            return closed("a multicast address");
        }
        if (first >= 240) {
            return closed("a reserved or broadcast address");
        }
        if ((first == 192 && second == 0 && third == 0)
                || (first == 192 && second == 0 && third == 2)
                || (first == 198 && second == 51 && third == 100)
                || (first == 203 && second == 0 && third == 113)
                || (first == 198 && (second == 18 || second == 19))) {
            return closed("a reserved address (protocol assignments, documentation or benchmarking)");
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return new Verdict(Reach.PRIVATE, "a private address");
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return new Verdict(Reach.PRIVATE, "a carrier-grade NAT address");
        }
        return PUBLIC;
    }

    private static Verdict closed(String kind) {
        return new Verdict(Reach.CLOSED, kind);
    }

    private static int leadingZeroBytes(byte[] bytes) {
        int count = 0;
        while (count < bytes.length && bytes[count] == 0) {
            count++;
        }
        return count;
    }

    static String describe(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }
}
