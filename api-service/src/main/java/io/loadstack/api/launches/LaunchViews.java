package io.loadstack.api.launches;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.loadstack.api.launches.provisioning.ProvisionedContainer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the launches routes answer. */
public final class LaunchViews {

    private LaunchViews() {
    }

    @Serdeable
    public record Created(long id, String runUuid, LaunchStatus status) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Agent(String name, String region, AgentStatus status, int users, @Nullable Instant firstRequestAt,
                        long requests, long failures, @Nullable String reason, @Nullable String readyMessage,
                        List<String> log) {

        static Agent of(LaunchAgent agent, List<String> log) {
            return new Agent(agent.name(), agent.region(), agent.status(), agent.users(), agent.firstRequestAt(),
                    agent.requests(), agent.failures(), agent.reason(), agent.readyMessage(), log);
        }
    }

    /**
     * A launch with its agents. {@code shortfalls} names the regions that had fewer agents online than asked
     * when it was made; {@code skewMs} is the latest minus the earliest first request. {@code provision} is
     * {@code docker} or {@code swarm} for a launch whose agents were started for it (null otherwise), and
     * {@code containers} their containers' states as the provisioner saw them.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(long id, LaunchStatus status, @Nullable String reason, String runUuid, long planId,
                         @Nullable String planName, String generator, int version, int users, int rampUpSeconds,
                         int durationSeconds, String targetHost, Map<String, Integer> regions,
                         Map<String, String> properties, Instant createdAt, @Nullable Instant startAt,
                         @Nullable Instant endedAt, @Nullable Long skewMs, @Nullable String createdBy,
                         List<String> shortfalls, List<Agent> agents, List<String> thresholds,
                         @Nullable String provision, List<ProvisionedContainer> containers) {

        static Detail of(StoredLaunch stored, List<ProvisionedContainer> containers) {
            Launch launch = stored.launch();
            LaunchRequest request = launch.request();
            return new Detail(launch.id(), launch.status(), launch.reason(), launch.runUuid(), request.planId(),
                    stored.planName(), stored.generator().wireName(), request.planVersion(), request.users(),
                    request.rampUpSeconds(), request.durationSeconds(), request.targetHost(), request.regions(),
                    request.properties(), launch.createdAt(), launch.startAt(), launch.endedAt(), launch.skewMs(),
                    stored.createdByName(), launch.shortfalls().stream().map(LaunchPlan.Shortfall::reason).toList(),
                    launch.agents().stream().map(agent -> Agent.of(agent, stored.log(agent.name()))).toList(),
                    request.thresholds(), request.provision() == null ? null : request.provision().wireName(), containers);
        }
    }

    /** A launch in the list: the detail without the agents' logs. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(long id, LaunchStatus status, @Nullable String reason, String runUuid, long planId,
                          @Nullable String planName, String generator, int version, int users, int durationSeconds,
                          String targetHost, Map<String, Integer> regions, Instant createdAt,
                          @Nullable Instant startAt, @Nullable Instant endedAt, @Nullable String createdBy,
                          int agents, @Nullable Long skewMs, @Nullable String provision) {

        static Summary of(StoredLaunch stored) {
            Launch launch = stored.launch();
            LaunchRequest request = launch.request();
            return new Summary(launch.id(), launch.status(), launch.reason(), launch.runUuid(), request.planId(),
                    stored.planName(), stored.generator().wireName(), request.planVersion(), request.users(),
                    request.durationSeconds(), request.targetHost(), request.regions(), launch.createdAt(),
                    launch.startAt(), launch.endedAt(), stored.createdByName(), launch.agents().size(),
                    launch.skewMs(), request.provision() == null ? null : request.provision().wireName());
        }
    }

    @Serdeable
    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /** The answer to an agent's report. */
    @Serdeable
    public record Reported(LaunchStatus launchStatus) {
    }
}
