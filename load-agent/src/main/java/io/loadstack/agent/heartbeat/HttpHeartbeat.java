package io.loadstack.agent.heartbeat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadstack.agent.clock.ClockSample;
import io.loadstack.agent.config.AgentSettings;
import io.loadstack.agent.share.Command;
import io.loadstack.agent.share.HeldLaunch;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code POST /api/agent/heartbeat?wait=N} over the JDK's HTTP client, the agent token as a bearer token.
 * The agent only ever connects out: this is its whole link to Loadstack.
 */
public final class HttpHeartbeat implements Heartbeat {

    /** The long-poll asked for; the api-service holds a heartbeat no longer than its own ceiling (10 s by default). */
    static final int WAIT_SECONDS = 10;
    /** The wait plus room for a slow network, so that a connection that died silently is given up. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(WAIT_SECONDS + 15);
    private static final int MAX_REASON_CHARS = 300;

    private final HttpClient client;
    private final URI longPoll;
    private final URI immediate;
    private final String token;
    private final Map<String, Object> identity;
    private final Supplier<List<HeldLaunch>> held;
    private final Clock clock;
    private final ObjectMapper json;
    private final Logger log = Logger.getLogger(HttpHeartbeat.class.getName());

    /** @param held the shares the agent holds, listed in each heartbeat */
    public HttpHeartbeat(HttpClient client, AgentSettings settings, String version, String instanceId, Clock clock,
                         ObjectMapper json, Supplier<List<HeldLaunch>> held) {
        this.client = client;
        this.longPoll = URI.create(settings.url() + "/api/agent/heartbeat?wait=" + WAIT_SECONDS);
        this.immediate = URI.create(settings.url() + "/api/agent/heartbeat?wait=0");
        this.token = settings.token();
        this.clock = clock;
        this.json = json;
        this.held = held;
        this.identity = new LinkedHashMap<>();
        identity.put("name", settings.name());
        identity.put("region", settings.region());
        identity.put("version", version);
        identity.put("instanceId", instanceId);
    }

    private String body() {
        Map<String, Object> report = new LinkedHashMap<>(identity);
        List<Map<String, Object>> launches = new ArrayList<>();
        for (HeldLaunch launch : held.get()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("launchId", launch.launchId());
            entry.put("status", launch.status());
            entry.put("startAt", launch.startAt() == null ? null : launch.startAt().toString());
            entry.put("stopping", launch.stopping());
            launches.add(entry);
        }
        report.put("launches", launches);
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and booleans always serialize", e);
        }
    }

    @Override
    public HeartbeatOutcome send(boolean longPoll) throws InterruptedException {
        URI uri = longPoll ? this.longPoll : immediate;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body()))
                .build();
        Instant sent = clock.instant();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new HeartbeatOutcome.Failed("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (SSLException e) {
            return new HeartbeatOutcome.Failed("TLS with " + uri.getHost() + " failed: " + describe(e)
                    + " (a self-signed certificate needs " + AgentSettings.CA_FILE + ")");
        } catch (IOException e) {
            return new HeartbeatOutcome.Failed("cannot reach " + uri.getHost() + ": " + describe(e));
        }
        Instant received = clock.instant();
        return switch (response.statusCode()) {
            case 200 -> answered(response.body(), sent, received);
            case 401 -> new HeartbeatOutcome.TokenRefused(reasonOf(response));
            case 409 -> new HeartbeatOutcome.NameTaken(reasonOf(response));
            default -> new HeartbeatOutcome.Failed(reasonOf(response));
        };
    }

    private HeartbeatOutcome answered(String body, Instant sent, Instant received) {
        try {
            JsonNode answer = json.readTree(body);
            Instant receivedAt = Instant.parse(answer.path("receivedAt").asText());
            Instant serverTime = Instant.parse(answer.path("serverTime").asText());
            return new HeartbeatOutcome.Answered(new ClockSample(sent, receivedAt, serverTime, received),
                    commands(answer.path("commands")));
        } catch (JsonProcessingException | DateTimeParseException e) {
            return new HeartbeatOutcome.Failed("an answer without receivedAt and serverTime: " + shorten(body));
        }
    }

    /** The commands this agent knows; one it cannot read is logged and left out, the others still count. */
    private List<Command> commands(JsonNode array) {
        List<Command> commands = new ArrayList<>();
        for (JsonNode node : array) {
            try {
                Command.parse(node, json).ifPresentOrElse(commands::add,
                        () -> log.warning("Ignoring a command of a type this agent does not know: " + shorten(node.toString())));
            } catch (IllegalArgumentException e) {
                log.warning("Ignoring " + e.getMessage());
            }
        }
        return commands;
    }

    /** The api-service's {@code {"error": "...", "status": N}}, or the start of whatever else answered. */
    private String reasonOf(HttpResponse<String> response) {
        String error = null;
        try {
            JsonNode node = json.readTree(response.body());
            error = node != null && node.path("error").isTextual() ? node.path("error").asText() : null;
        } catch (JsonProcessingException notJson) {
            // a proxy's HTML page, say: its start is the best reason there is
        }
        return "HTTP " + response.statusCode() + ": " + (error != null ? error : shorten(response.body()));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
    }
}
