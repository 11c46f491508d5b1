package io.loadstack.agent.share;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command in a heartbeat's answer (the table in docs/launches.md, "Heartbeat"). */
public sealed interface Command {

    long launchId();

    /**
     * The agent's share of a launch: its files, users, timing, target and where its stats go. Fields a newer
     * Loadstack adds are ignored.
     */
    record Assign(long launchId, String runUuid, String runName, String generator, FileRef main, List<FileRef> files,
                  int users, int rampUpSeconds, double spawnRate, int durationSeconds, String targetHost,
                  Map<String, String> properties, String ingestToken, Map<String, String> tags) implements Command {

        public Assign {
            files = files == null ? List.of() : List.copyOf(files);
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /** Start sending at {@code startAt}, an instant of the server's clock. */
    record Start(long launchId, Instant startAt) implements Command {
    }

    record Stop(long launchId, String reason, int graceSeconds) implements Command {

        public Duration grace() {
            return Duration.ofSeconds(Math.max(0, graceSeconds));
        }
    }

    /** A plan file as a command names it; checked when the share fetches it, so that a bad one fails the share. */
    record FileRef(String name, String sha256, long size) {
    }

    /**
     * @return the command, or empty for a type this agent does not know (a newer Loadstack's)
     * @throws IllegalArgumentException when a known command is malformed
     */
    static Optional<Command> parse(JsonNode node, ObjectMapper json) {
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "assign" -> Optional.of(json.readerFor(Assign.class)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(node));
                case "start" -> Optional.of(new Start(node.path("launchId").asLong(),
                        Instant.parse(node.path("startAt").asText())));
                case "stop" -> Optional.of(new Stop(node.path("launchId").asLong(), node.path("reason").asText(null),
                        node.path("graceSeconds").asInt(10)));
                default -> Optional.empty();
            };
        } catch (Exception e) {
            throw new IllegalArgumentException("a malformed '" + type + "' command: " + e.getMessage(), e);
        }
    }
}
