package io.loadstack.support.targets;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of an allowed-targets list, read. A host name matches that name only (not its subdomains, not the
 * addresses it resolves to); {@code *.example.com} matches every name below example.com (not example.com itself);
 * {@code *} any host; an address or CIDR range matches literal addresses in it only. Without a port an entry
 * allows every port; with one, that port only.
 *
 * @param text the entry as written (trimmed, lower case): how the list shows it
 */
public record TargetRule(String text, Kind kind, String name, byte[] network, int prefix, Integer port) {

    /** What an entry names. */
    public enum Kind { ANY_HOST, HOST_NAME, SUBDOMAINS, NETWORK }

    static final int MAX_LENGTH = 270;

    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** @throws InvalidTargetEntryException naming the entry */
    public static TargetRule parse(String entry) {
        if (entry == null) {
            throw new InvalidTargetEntryException("null", "is empty");
        }
        String text = entry.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new InvalidTargetEntryException(entry, "is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidTargetEntryException(entry, "is longer than " + MAX_LENGTH + " characters");
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidTargetEntryException(entry, "holds a space, a control character or a character beyond"
                    + " ASCII (write an international name in its xn-- form)");
        }
        if (text.contains("://")) {
            throw new InvalidTargetEntryException(entry, "is not a host: write the host (and port) of a URL, not the URL");
        }
        String host;
        Integer port = null;
        boolean bracketed = text.startsWith("[");
        if (bracketed) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidTargetEntryException(entry, "opens a '[' it does not close");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new InvalidTargetEntryException(entry, "has something other than ':port' after ']'");
                }
                port = port(entry, rest.substring(1));
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // a bare IPv6 address or range: no port (write [::1]:8443 for one)
        } else if (text.contains(":")) {
            host = text.substring(0, text.indexOf(':'));
            port = port(entry, text.substring(text.indexOf(':') + 1));
        } else {
            host = text;
        }
        String shown = text;
        if (host.contains("/")) {
            return network(entry, shown, host, bracketed, port);
        }
        if (bracketed || host.contains(":")) {
            byte[] address = Addresses.ipv6(host);
            if (address == null || address.length != 16) {
                throw new InvalidTargetEntryException(entry, address == null ? "is not an IPv6 address"
                        : "is an IPv4-mapped IPv6 address: write the IPv4 address");
            }
            return new TargetRule(shown, Kind.NETWORK, null, address, 128, port);
        }
        if (host.equals("*")) {
            return new TargetRule(shown, Kind.ANY_HOST, null, null, 0, port);
        }
        if (host.startsWith("*.")) {
            String suffix = host.substring(2);
            suffix = suffix.endsWith(".") ? suffix.substring(0, suffix.length() - 1) : suffix;
            if (!HostNames.isValid(suffix)) {
                throw new InvalidTargetEntryException(entry, "is a wildcard whose domain ('" + InvalidTargetEntryException.shorten(suffix)
                        + "') is not a host name");
            }
            return new TargetRule(shown, Kind.SUBDOMAINS, suffix, null, 0, port);
        }
        if (host.contains("*")) {
            throw new InvalidTargetEntryException(entry, "has a '*' elsewhere than as its whole first label (*.example.com)");
        }
        byte[] ipv4 = Addresses.ipv4(host);
        if (ipv4 != null) {
            return new TargetRule(shown, Kind.NETWORK, null, ipv4, 32, port);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!HostNames.isValid(name)) {
            throw new InvalidTargetEntryException(entry, "is not a host name, an IP address or a CIDR range");
        }
        return new TargetRule(shown, Kind.HOST_NAME, name, null, 0, port);
    }

    private static TargetRule network(String entry, String shown, String host, boolean bracketed, Integer port) {
        String addressText = host.substring(0, host.indexOf('/'));
        String prefixText = host.substring(host.indexOf('/') + 1);
        boolean v6 = addressText.contains(":");
        byte[] address = v6 ? Addresses.ipv6(addressText) : Addresses.ipv4(addressText);
        if (address == null || (v6 && address.length != 16)) {
            throw new InvalidTargetEntryException(entry, "is not a CIDR range: '" + InvalidTargetEntryException.shorten(addressText)
                    + "' is not an " + (v6 ? "IPv6" : "IPv4") + " address" + (v6 && address != null ? " (write an IPv4-mapped one as IPv4)" : ""));
        }
        if (bracketed && !v6) {
            throw new InvalidTargetEntryException(entry, "puts an IPv4 range in brackets");
        }
        int bits = address.length * 8;
        if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > bits) {
            throw new InvalidTargetEntryException(entry, "has a prefix length other than 0 to " + bits);
        }
        int prefix = Integer.parseInt(prefixText);
        if (!hostBitsZero(address, prefix)) {
            throw new InvalidTargetEntryException(entry, "has bits set past its /" + prefix
                    + " prefix: write the range's first address");
        }
        return new TargetRule(shown, Kind.NETWORK, null, address, prefix, port);
    }

    private static boolean hostBitsZero(byte[] address, int prefix) {
        for (int bit = prefix; bit < address.length * 8; bit++) {
            if ((address[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int port(String entry, String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 65_535) {
            throw new InvalidTargetEntryException(entry, "has a port other than 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    /** Whether this entry allows the target. */
    public boolean matches(Target target) {
        if (port != null && port != target.port()) {
            return false;
        }
        return switch (kind) {
            case ANY_HOST -> true;
            case HOST_NAME -> target.isName() && target.host().equals(name);
            case SUBDOMAINS -> target.isName() && target.host().endsWith("." + name);
            case NETWORK -> target.address() != null && Addresses.samePrefix(network, target.address(), prefix);
        };
    }
}
