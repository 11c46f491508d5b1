package io.loadstack.agent.generator.jmeter;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The launch's target as JMeter's HTTP elements hold it: protocol, host and port (a path is not used). */
record TargetHost(String protocol, String host, String port) {

    /** Empty when the launch names no target; a bare host name is taken as {@code http://host}. */
    static Optional<TargetHost> parse(String targetHost) {
        if (targetHost == null || targetHost.isBlank()) {
            return Optional.empty();
        }
        String text = targetHost.trim();
        URI uri = URI.create(text.contains("://") ? text : "http://" + text);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the target host '" + targetHost + "' names no host");
        }
        String protocol = uri.getScheme().toLowerCase(Locale.ROOT);
        return Optional.of(new TargetHost(protocol, uri.getHost(), uri.getPort() < 0 ? "" : Integer.toString(uri.getPort())));
    }
}
