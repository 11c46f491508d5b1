package io.loadstack.support.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP addresses, read strictly and never looked up. */
final class Addresses {

    /** Four decimal parts 0-255 without leading zeros: "010.0.0.1" is octal to some resolvers, so it is no address here. */
    private static final Pattern IPV4 = Pattern.compile(
            "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]{2,45}");

    private Addresses() {
    }

    /** @return the four bytes, or null when the text is not a dotted-quad IPv4 address */
    static byte[] ipv4(String text) {
        var matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(matcher.group(i + 1));
            if (part > 255) {
                return null;
            }
            address[i] = (byte) part;
        }
        return address;
    }

    /**
     * @param text lower case, without brackets
     * @return 16 bytes, or 4 for an IPv4-mapped address (it connects to that IPv4 address), or null when the text
     * is not an IPv6 address (zone ids, "%eth0", are not accepted)
     */
    static byte[] ipv6(String text) {
        if (!IPV6_TEXT.matcher(text).matches() || !text.contains(":")
                || !(text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0)) {
            return null;
        }
        try {
            // A text of hex digits, ':' and '.' that starts with a hex digit or ':' and holds a ':' is parsed as
            // an IPv6 literal by InetAddress and never sent to a resolver.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the first {@code prefix} bits of both addresses (of one family) are the same. */
    static boolean samePrefix(byte[] network, byte[] address, int prefix) {
        if (network.length != address.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[whole] & mask) == (address[whole] & mask);
    }
}
