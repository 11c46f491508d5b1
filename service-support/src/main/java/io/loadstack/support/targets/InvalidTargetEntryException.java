package io.loadstack.support.targets;

/**
 * An allowed-targets entry that cannot be read; the message names the entry and says what an entry may be. The
 * api-service answers it with a 400, the agent refuses to start with it.
 */
public class InvalidTargetEntryException extends RuntimeException {

    private final String entry;

    InvalidTargetEntryException(String entry, String problem) {
        super("allowed target '" + shorten(entry) + "' " + problem + ". An entry is a host name (shop.internal), a"
                + " wildcard (*.example.com, or * for any host), an IP address (10.1.2.3, ::1) or a CIDR range"
                + " (10.0.0.0/8, fd00::/8), each with an optional port (shop.internal:8080, [::1]:8443)");
        this.entry = entry;
    }

    /** The entry as it was given. */
    public String entry() {
        return entry;
    }

    static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
