package io.loadstack.agent.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.loadstack.agent.config.AgentSettings;
import io.loadstack.agent.share.Command;
import io.loadstack.agent.share.HeldLaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The heartbeat's HTTP call against a local server playing Loadstack's heartbeat route. */
class HttpHeartbeatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = """
            {"commands": [
              {"type": "assign", "launchId": 7, "runUuid": "u-7", "runName": "checkout", "generator": "jmeter",
               "main": {"name": "plan.jmx", "size": 12, "sha256": "%s"},
               "files": [{"name": "users.csv", "size": 3, "sha256": "%s"}],
               "users": 10, "rampUpSeconds": 5, "spawnRate": 2.0, "durationSeconds": 60,
               "targetHost": "http://shop.internal", "properties": {"threads.think": "500", "n": 3},
               "ingestToken": "lst_x", "tags": {"team": "shop"}},
              {"type": "start", "launchId": 7, "startAt": "2026-12-02T12:00:05.250Z"},
              {"type": "stop", "launchId": 6, "reason": "stopped by admin", "graceSeconds": 15},
              {"type": "reboot", "launchId": 6},
              {"type": "start", "launchId": 8, "startAt": "soon"}
            ],
            "receivedAt": "2026-12-02T12:00:00Z", "serverTime": "2026-12-02T12:00:00.010Z"}
            """.formatted("a".repeat(64), "b".repeat(64));

    private HttpServer loadstack;
    private final AtomicReference<JsonNode> sent = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        loadstack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        loadstack.createContext("/api/agent/heartbeat", exchange -> {
            try (exchange) {
                sent.set(JSON.readTree(exchange.getRequestBody()));
                byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        loadstack.start();
    }

    @AfterEach
    void stop() {
        loadstack.stop(0);
    }

    @Test
    void theHeartbeatListsTheSharesHeldAndReadsTheCommandsItKnows() throws Exception {
        AgentSettings settings = AgentSettings.fromEnvironment(Map.of(
                "LOADSTACK_URL", "http://127.0.0.1:" + loadstack.getAddress().getPort(),
                "LOADSTACK_AGENT_TOKEN", "lsa_test", "LOADSTACK_AGENT_NAME", "eu-1"), () -> "host");
        List<HeldLaunch> held = List.of(new HeldLaunch(5, "RUNNING", Instant.parse("2026-12-02T11:59:00Z"), false),
                new HeldLaunch(6, "READY", null, true));
        HeartbeatOutcome outcome = new HttpHeartbeat(HttpClient.newHttpClient(), settings, "0.1.0", "instance-1",
                Clock.systemUTC(), JSON, () -> held).send(false);

        JsonNode launches = sent.get().path("launches");
        assertEquals(2, launches.size());
        assertEquals(5, launches.get(0).path("launchId").asLong());
        assertEquals("RUNNING", launches.get(0).path("status").asText());
        assertEquals("2026-12-02T11:59:00Z", launches.get(0).path("startAt").asText());
        assertEquals(false, launches.get(0).path("stopping").asBoolean());
        assertEquals(true, launches.get(1).path("startAt").isNull());
        assertEquals(true, launches.get(1).path("stopping").asBoolean());
        assertEquals("eu-1", sent.get().path("name").asText());

        HeartbeatOutcome.Answered answered = assertInstanceOf(HeartbeatOutcome.Answered.class, outcome);
        assertEquals(3, answered.commands().size(), "an unknown type and a malformed start are left out");
        Command.Assign assign = assertInstanceOf(Command.Assign.class, answered.commands().get(0));
        assertEquals(7, assign.launchId());
        assertEquals(new Command.FileRef("plan.jmx", "a".repeat(64), 12), assign.main());
        assertEquals(List.of(new Command.FileRef("users.csv", "b".repeat(64), 3)), assign.files());
        assertEquals(10, assign.users());
        assertEquals(Map.of("threads.think", "500", "n", "3"), assign.properties());
        assertEquals("lst_x", assign.ingestToken());
        assertEquals(new Command.Start(7, Instant.parse("2026-12-02T12:00:05.250Z")), answered.commands().get(1));
        Command.Stop stop = assertInstanceOf(Command.Stop.class, answered.commands().get(2));
        assertEquals(Duration.ofSeconds(15), stop.grace());
        assertEquals("stopped by admin", stop.reason());
    }
}
