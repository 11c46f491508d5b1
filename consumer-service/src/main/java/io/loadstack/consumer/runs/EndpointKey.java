package io.loadstack.consumer.runs;

/** An endpoint of the system under test, as load generators name it: method and name (URL or label). */
public record EndpointKey(String method, String name) implements Comparable<EndpointKey> {

    /** The whole run, in tables that hold both run-level and endpoint rows. */
    public static final EndpointKey RUN = new EndpointKey("", "");

    @Override
    public int compareTo(EndpointKey other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : method.compareTo(other.method);
    }
}
