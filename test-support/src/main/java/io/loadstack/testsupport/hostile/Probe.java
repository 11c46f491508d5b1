package io.loadstack.testsupport.hostile;

import java.util.List;

/**
 * One hostile request: which route it aims at, what is hostile about it (for the failure table), and the
 * exact bytes to send. The target is sent as written, so it may hold what no URI class accepts.
 */
public record Probe(String route, String input, String method, String target, List<Header> headers, byte[] body,
                    boolean mustBeRejected) {

    public Probe(String route, String input, String method, String target, List<Header> headers, byte[] body) {
        this(route, input, method, target, headers, body, false);
    }

    /** The same request, which no service may accept: it is not JSON, so a 2xx means the parser let it through. */
    Probe rejected() {
        return new Probe(route, input, method, target, headers, body, true);
    }

    public record Header(String name, String value) {
    }

    /** A one-line description, short enough for a table cell. */
    public String describe() {
        return route + " | " + input;
    }
}
