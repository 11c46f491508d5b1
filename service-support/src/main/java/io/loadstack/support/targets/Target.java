package io.loadstack.support.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a launch's target URL sends its load: the host as written in the URL and the port (the scheme's default
 * when the URL names none). Nothing is resolved: a host name stays a name, and only a literal address is an
 * address, so what matches is exactly what is written in the URL and in the list.
 *
 * @param host    the host, lower case, without a trailing dot and, for IPv6, without brackets
 * @param port    the port the URL connects to
 * @param address the literal IPv4 or IPv6 address, when the host is one (an IPv4-mapped IPv6 address is its IPv4
 *                address); null for a host name
 * @param isName  whether the host is a well-formed DNS name (letters, digits and '-', not all-numeric at the end)
 */
public record Target(String host, int port, byte[] address, boolean isName) {

    /**
     * @return the target of an {@code http://} or {@code https://} URL with a host; empty for anything else (such a
     * URL is never allowed)
     */
    public static Optional<Target> ofUrl(String url) {
        if (url == null || url.length() > 2000) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        String host = uri.getHost();
        if (defaultPort < 0 || host == null || host.isEmpty()) {
            return Optional.empty();
        }
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        return Optional.of(ofHost(host, port));
    }

    static Target ofHost(String rawHost, int port) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            byte[] address = Addresses.ipv6(host.substring(1, host.length() - 1));
            // an unreadable bracketed host matches nothing but "*"
            return new Target(host.substring(1, host.length() - 1), port, address, false);
        }
        byte[] address = Addresses.ipv4(host);
        if (address != null) {
            return new Target(host, port, address, false);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return new Target(name, port, null, HostNames.isValid(name));
    }

    /** {@code host:port}, IPv6 in brackets, for messages. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
