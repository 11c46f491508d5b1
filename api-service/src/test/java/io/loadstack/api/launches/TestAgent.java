package io.loadstack.api.launches;

import io.loadstack.testsupport.HttpCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A load agent's side of the conversation (docs/launches.md), spoken over real HTTP by the test: it
 * heartbeats listing the shares it holds, and reports on them. It runs no generator.
 */
final class TestAgent {

    final String name;
    final String region;
    private final String baseUrl;
    private final String token;
    private final String instanceId = UUID.randomUUID().toString();
    /** What it holds, as it would list it: launchId → {launchId, status, startAt, stopping}. */
    private final Map<Long, Map<String, Object>> held = new LinkedHashMap<>();

    TestAgent(String baseUrl, String token, String name, String region) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.name = name;
        this.region = region;
    }

    HttpCall.Response heartbeat(int wait) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("region", region);
        body.put("version", "1.0.0-test");
        body.put("instanceId", instanceId);
        body.put("launches", new ArrayList<>(held.values()));
        return HttpCall.post(baseUrl + "/api/agent/heartbeat?wait=" + wait, HttpCall.json(body)).bearer(token).send();
    }

    /** One heartbeat without waiting; its commands. */
    List<Map<String, Object>> commands() {
        return commands(0);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> commands(int wait) {
        HttpCall.Response answer = heartbeat(wait);
        assertEquals(200, answer.status(), answer.toString());
        return (List<Map<String, Object>>) answer.json().get("commands");
    }

    /** The first command of that type for that launch, from one heartbeat; fails when there is none. */
    Map<String, Object> command(String type, long launchId) {
        List<Map<String, Object>> commands = commands();
        return commands.stream().filter(c -> type.equals(c.get("type")) && launchId == ((Number) c.get("launchId")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError(name + " got no " + type + " for launch " + launchId + ": " + commands));
    }

    void hold(long launchId, String status, String startAt, boolean stopping) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("launchId", launchId);
        entry.put("status", status);
        entry.put("startAt", startAt);
        entry.put("stopping", stopping);
        held.put(launchId, entry);
    }

    void drop(long launchId) {
        held.remove(launchId);
    }

    HttpCall.Response report(long launchId, String status, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        body.put("status", status);
        return HttpCall.post(baseUrl + "/api/agent/launches/" + launchId + "/report", HttpCall.json(body)).bearer(token).send();
    }

    /** Reports and expects 200; the launch's status it answers. */
    String reported(long launchId, String status, Map<String, Object> extra) {
        HttpCall.Response answer = report(launchId, status, extra);
        assertEquals(200, answer.status(), name + " " + status + ": " + answer);
        return (String) answer.json().get("launchStatus");
    }

    String reported(long launchId, String status) {
        return reported(launchId, status, Map.of());
    }
}
