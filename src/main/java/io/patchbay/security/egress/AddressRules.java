package io.patchbay.security.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which IP addresses are public. Everything a connector must not reach from inside the hub's network is not. */
final class AddressRules {

    private AddressRules() {}

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        // unique local fc00::/7
        if ((b[0] & 0xfe) == 0xfc) {
            return false;
        }
        // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96 (Java only unwraps the mapped form of literals)
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}) && !allZero(b, 12);
        }
        // NAT64 64:ff9b::/96 embeds an IPv4 address
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        // 6to4 2002::/16 embeds an IPv4 address in bytes 2..5
        if (b[0] == 0x20 && b[1] == 0x02) {
            return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        // documentation 2001:db8::/32
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8);
    }

    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        try {
            InetAddress address = InetAddress.getByAddress(b);
            if (address.isLoopbackAddress()
                    || address.isSiteLocalAddress()
                    || address.isLinkLocalAddress()
                    || address.isMulticastAddress()
                    || address.isAnyLocalAddress()) {
                return false;
            }
        } catch (UnknownHostException impossible) {
            return false;
        }
        return first != 0 // "this network" 0/8
                && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments 192.0.0/24
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation
                && !(first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                && !(first == 198 && second == 51 && (b[2] & 0xff) == 100) // documentation
                && !(first == 203 && second == 0 && (b[2] & 0xff) == 113) // documentation
                && first < 240; // reserved 240/4 and broadcast
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String describe(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }
}
