package io.loadstack.api.launches;

import io.loadstack.api.agents.heartbeat.AgentCommand;
import io.loadstack.api.agents.heartbeat.AgentCommands;
import io.loadstack.api.agents.heartbeat.HeldLaunch;
import io.loadstack.api.agents.registry.Agent;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands that bring an agent to what its launches want, computed from MySQL and what the agent says
 * it holds, every time (docs/launches.md, the table under "Heartbeat"). Nothing is queued, so a lost answer
 * or a replica gone in between costs nothing: the next heartbeat gets the same commands.
 */
@Singleton
class LaunchCommands implements AgentCommands {

    private final LaunchStore store;
    private final LaunchReports reports;
    private final LaunchIngestTokens tokens;
    private final long graceSeconds;

    LaunchCommands(LaunchStore store, LaunchReports reports, LaunchIngestTokens tokens, LaunchSettings settings) {
        this.store = store;
        this.reports = reports;
        this.tokens = tokens;
        this.graceSeconds = settings.stopGrace().toSeconds();
    }

    @Override
    public List<AgentCommand> pendingFor(Agent agent, List<HeldLaunch> held) {
        Map<Long, HeldLaunch> holds = new LinkedHashMap<>();
        held.forEach(h -> holds.put(h.launchId(), h));
        List<StoredLaunch> shares = store.inTransaction("finding an agent's commands",
                connection -> store.sharesOf(connection, agent.name(), holds.keySet()));
        List<AgentCommand> commands = new ArrayList<>();
        List<Long> known = new ArrayList<>();
        for (StoredLaunch stored : shares) {
            known.add(stored.launch().id());
            HeldLaunch hold = holds.get(stored.launch().id());
            LaunchAgent share = stored.launch().agentNamed(agent.name());
            if (hold == null) {
                whenNotHeld(stored, share, commands);
            } else {
                whenHeld(stored, share, hold, commands);
            }
        }
        holds.keySet().stream().filter(id -> !known.contains(id)).forEach(id ->
                commands.add(new LaunchCommand.Stop(id, "launch " + id + " has no share for this agent", graceSeconds)));
        return commands;
    }

    private void whenNotHeld(StoredLaunch stored, LaunchAgent share, List<AgentCommand> commands) {
        Launch launch = stored.launch();
        if (share.status() == AgentStatus.ASSIGNED && !launch.status().isEnded() && launch.status() != LaunchStatus.STOPPING) {
            commands.add(assign(stored, share));
        } else if (share.status() != AgentStatus.ASSIGNED && !share.status().isEnded()) {
            reports.agentRestarted(launch.id(), share.name());
        }
    }

    private void whenHeld(StoredLaunch stored, LaunchAgent share, HeldLaunch hold, List<AgentCommand> commands) {
        Launch launch = stored.launch();
        boolean wanted = !launch.status().isEnded() && launch.status() != LaunchStatus.STOPPING && !share.status().isEnded();
        if (!wanted) {
            if (!hold.stopping()) {
                String why = share.status().isEnded() && share.reason() != null ? share.reason()
                        : launch.reason() != null ? launch.reason() : "launch " + launch.id() + " is " + launch.status();
                commands.add(new LaunchCommand.Stop(launch.id(), why, graceSeconds));
            }
            return;
        }
        Instant startAt = launch.startAt();
        boolean toStart = startAt != null && share.startedWith()
                && (share.status() == AgentStatus.READY || share.status() == AgentStatus.RUNNING);
        // Compared to the millisecond: that is how it travels.
        if (toStart && (hold.startAt() == null || hold.startAt().toEpochMilli() != startAt.toEpochMilli())) {
            commands.add(new LaunchCommand.Start(launch.id(), startAt));
        }
    }

    private LaunchCommand.Assign assign(StoredLaunch stored, LaunchAgent share) {
        Launch launch = stored.launch();
        LaunchRequest request = launch.request();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("launch", Long.toString(launch.id()));
        tags.put("plan", stored.planName());
        tags.put("region", share.region());
        tags.put("generator", stored.generator().wireName());
        return new LaunchCommand.Assign("assign", launch.id(), launch.runUuid(), stored.planName(),
                stored.generator().wireName(), stored.main(), stored.dataFiles(), share.users(), share.rampUpSeconds(),
                share.spawnRatePerSecond(), request.durationSeconds(), request.targetHost(), request.properties(),
                tokens.secret(launch.id(), stored.tokenSalt()), tags);
    }
}
