package io.loadstack.agent.share;

import io.loadstack.agent.lease.Lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The shares this agent holds, one per launch: what its heartbeats list, and where the heartbeat's commands
 * go. It also holds the lease's promise: once no heartbeat has been answered for the lease's length, every
 * share is stopped by the agent itself, as nobody could stop it otherwise.
 */
public final class Shares {

    /** The grace a share's generator gets when the lease is lost (nobody named one). */
    static final Duration LEASE_LOST_GRACE = Duration.ofSeconds(10);

    private final ShareEnvironment env;
    private final ThreadFactory threads;
    private final Map<Long, Share> held = new LinkedHashMap<>();

    /** @param threads makes each share's own thread */
    public Shares(ShareEnvironment env, ThreadFactory threads) {
        this.env = env;
        this.threads = threads;
    }

    /** What the agent holds, for the next heartbeat. */
    public synchronized List<HeldLaunch> held() {
        List<HeldLaunch> launches = new ArrayList<>();
        held.values().forEach(share -> launches.add(share.held()));
        launches.sort(Comparator.comparingLong(HeldLaunch::launchId));
        return launches;
    }

    /** Carries out a heartbeat's commands; they are level-triggered, so a repeated one changes nothing. */
    public void apply(List<Command> commands) {
        for (Command command : commands) {
            if (command instanceof Command.Assign assign) {
                assign(assign);
            } else if (command instanceof Command.Start start) {
                share(start.launchId()).ifPresent(share -> share.start(start.startAt()));
            } else if (command instanceof Command.Stop stop) {
                share(stop.launchId()).ifPresent(share -> share.stop(
                        stop.reason() == null ? "Loadstack stopped it" : "Loadstack: " + stop.reason(), stop.grace()));
            }
        }
    }

    /** Stops every share when the lease is lost; called every second or so. */
    public void checkLease(Lease lease) {
        List<Share> shares;
        synchronized (this) {
            shares = List.copyOf(held.values());
        }
        if (shares.isEmpty() || !lease.leaseExpired()) {
            return;
        }
        String why = "no answer from Loadstack for " + lease.length().toSeconds()
                + " s (LOADSTACK_AGENT_LEASE): the agent stops its load by itself";
        for (Share share : shares) {
            if (!share.held().stopping()) {
                env.log().warning("Launch " + share.launchId() + ": " + why);
                share.stop(why, LEASE_LOST_GRACE);
            }
        }
    }

    private void assign(Command.Assign assign) {
        Share share;
        synchronized (this) {
            if (held.containsKey(assign.launchId())) {
                return;
            }
            share = new Share(assign, env, () -> ended(assign.launchId()));
            held.put(assign.launchId(), share);
        }
        env.log().info("Launch " + assign.launchId() + ": assigned " + assign.users() + " users of "
                + assign.generator() + " plan " + (assign.main() == null ? "?" : assign.main().name()));
        threads.newThread(share).start();
    }

    private synchronized Optional<Share> share(long launchId) {
        return Optional.ofNullable(held.get(launchId));
    }

    private synchronized void ended(long launchId) {
        held.remove(launchId);
    }
}
