package io.loadstack.consumer.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.loadstack.support.thresholds.ThresholdParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * The bodies load generators send to {@code /apiv0.1/events/...}. Register and commit follow the old
 * Locust clients' shape and ignore fields they do not know (old clients send more); stats is
 * Loadstack's own and validated strictly.
 */
public final class EventRequests {

    static final long MAX_COUNT = 1_000_000_000L;

    private EventRequests() {
    }

    /**
     * {@code uuid} is optional: a launch's agents name the run the launch chose, the first to arrive creates
     * it and the others join it (README, "Register"). {@code thresholds} are the run's own pass/fail criteria
     * (api-service/README.md, "Verdicts"): stored as sent, each checked to parse.
     */
    @Serdeable
    public record Register(@Nullable String startedAt,
                           @Nullable @Size(max = 255) String host,
                           @Nullable @Size(max = 200) String name,
                           @Nullable @Valid Measurement measurement,
                           @Nullable @Size(max = 64) String uuid,
                           @Nullable @Size(max = ThresholdParser.MAX_THRESHOLDS)
                           List<@NotNull @Size(max = ThresholdParser.MAX_LENGTH) String> thresholds) {
    }

    @Serdeable
    public record Measurement(@Nullable Map<String, JsonNode> fields, @Nullable Map<String, JsonNode> tags) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Stats(@Nullable @Size(max = 100) String source,
                        @Nullable @Min(0) Long seq,
                        @Nullable String timestamp,
                        @Nullable @Min(0) @Max(10_000_000) Integer users,
                        @NotNull @Size(max = 1000) List<@Valid @NotNull Endpoint> endpoints) {
    }

    /**
     * One endpoint's counts since the previous post. {@code responseTimes} is either a histogram,
     * {@code {"<ms>": count, ...}} (what Locust's workers report), or a list of raw times in ms.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Endpoint(@NotBlank @Size(max = 16) String method,
                           @NotBlank @Size(max = 300) String name,
                           @Min(0) @Max(MAX_COUNT) long requests,
                           @Min(0) @Max(MAX_COUNT) long failures,
                           @Nullable JsonNode responseTimes,
                           @Nullable @Size(max = 100) Map<String, @NotNull @Min(0) @Max(MAX_COUNT) Long> errors) {
    }

    @Serdeable
    public record Commit(@Nullable String startedAt,
                         @NotBlank @Size(max = 64) String uuid,
                         @Nullable @Size(max = 255) String host,
                         @Nullable Measurement measurement) {
    }

    @Serdeable
    public record Registered(String uuid) {
    }

    @Serdeable
    public record Accepted(boolean counted) {
    }

    @Serdeable
    public record Committed(String uuid, String status) {
    }

    @Serdeable
    public record Running(long running) {
    }
}
