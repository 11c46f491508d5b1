package io.loadstack.agent.heartbeat;

import io.loadstack.agent.clock.ServerClock;
import io.loadstack.agent.lease.Lease;
import io.loadstack.agent.share.Command;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Heartbeats back to back, each a long-poll, so that Loadstack can reach the agent within about a second without
 * the agent listening anywhere. Until Loadstack has answered, a heartbeat asks to be answered at once, so that the
 * agent knows (and says) as soon as it is connected. Each answer renews the lease and adds a clock sample; a failure or a taken name is
 * retried after a {@link Backoff}; a refused token ends the loop, as no retry mends it. The connection's state is
 * logged when it changes, not at every retry, so that an agent cut off for an hour does not fill its log.
 */
public final class HeartbeatLoop {

    private enum State { STARTING, CONNECTED, NAME_TAKEN, UNREACHABLE }

    private final Heartbeat heartbeat;
    private final ServerClock clock;
    private final Lease lease;
    private final Backoff backoff;
    private final Pause pause;
    private final Logger log;
    private final Consumer<List<Command>> commands;
    static final Duration REPEATED_COMMANDS_PAUSE = Duration.ofSeconds(1);

    private State state = State.STARTING;
    private List<Command> lastCommands;
    private int failuresInState;

    public HeartbeatLoop(Heartbeat heartbeat, ServerClock clock, Lease lease, Backoff backoff, Pause pause, Logger log) {
        this(heartbeat, clock, lease, backoff, pause, log, ignored -> { });
    }

    /** @param commands where each answer's commands go (the agent's shares) */
    public HeartbeatLoop(Heartbeat heartbeat, ServerClock clock, Lease lease, Backoff backoff, Pause pause, Logger log,
                         Consumer<List<Command>> commands) {
        this.commands = commands;
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.lease = lease;
        this.backoff = backoff;
        this.pause = pause;
        this.log = log;
    }

    /**
     * Runs until Loadstack refuses the token.
     *
     * @return the refusal, whose reason the agent reports before it exits
     * @throws InterruptedException when the agent is being shut down
     */
    public HeartbeatOutcome.TokenRefused run() throws InterruptedException {
        while (true) {
            HeartbeatOutcome outcome = heartbeat.send(state == State.CONNECTED);
            if (outcome instanceof HeartbeatOutcome.Answered answered) {
                clock.record(answered.sample());
                lease.renew();
                backoff.reset();
                connected();
                commands.accept(answered.commands());
                if (answered.received() > 0 && answered.commands().equals(lastCommands)) {
                    // The same commands again: this agent could not act on them (one it does not understand,
                    // say), and Loadstack answers at once while commands wait. A pause keeps that from
                    // becoming a busy loop of heartbeats.
                    pause.sleep(REPEATED_COMMANDS_PAUSE);
                }
                lastCommands = answered.commands();
            } else if (outcome instanceof HeartbeatOutcome.TokenRefused refused) {
                log.severe("Loadstack refused the agent token (" + refused.reason() + "): it is wrong or was revoked."
                        + " Give the agent a valid LOADSTACK_AGENT_TOKEN (an admin makes one with"
                        + " POST /api/agent-tokens).");
                return refused;
            } else if (outcome instanceof HeartbeatOutcome.NameTaken taken) {
                retryLater(State.NAME_TAKEN, "The agent name is taken, retrying until it is free: " + taken.reason());
            } else if (outcome instanceof HeartbeatOutcome.Failed failed) {
                retryLater(State.UNREACHABLE, "No answer from Loadstack, retrying (every "
                        + Backoff.CEILING.toSeconds() + " s at most): " + failed.reason());
            }
        }
    }

    private void connected() {
        if (state != State.CONNECTED) {
            String offset = clock.offsetMillis().isPresent()
                    ? String.format(" (server clock ahead of ours by %.0f ms, ±%.0f ms)",
                    clock.offsetMillis().getAsDouble(), clock.uncertaintyMillis().getAsDouble() / 2) : "";
            log.info(state == State.STARTING
                    ? "Connected to Loadstack" + offset
                    : "Connected to Loadstack again after " + failuresInState + " failed heartbeat(s)" + offset);
            state = State.CONNECTED;
            failuresInState = 0;
        }
    }

    private void retryLater(State failing, String message) throws InterruptedException {
        if (state != failing) {
            log.log(Level.WARNING, message);
            state = failing;
            failuresInState = 0;
        }
        failuresInState++;
        Duration wait = backoff.next();
        pause.sleep(wait);
    }
}
