package io.loadstack.launch;

import java.util.Map;

/** The short timeouts a test launches with, so that a lost agent or a missing region is decided in seconds. */
final class LaunchSettings {

    private LaunchSettings() {
    }

    /** For both api-service replicas. */
    static Map<String, String> api() {
        return Map.of(
                "LOADSTACK_AGENTS_HEARTBEAT_TIMEOUT", "10s",
                "LOADSTACK_AGENTS_LONG_POLL_WAIT", "3s",
                "LOADSTACK_LAUNCHES_READINESS_TIMEOUT", "20s");
    }

    /** For every agent: a lease shorter than the test's patience. */
    static Map<String, String> agent() {
        return Map.of("LOADSTACK_AGENT_LEASE", "15s");
    }
}
