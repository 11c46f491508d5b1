package io.loadstack.api.launches;

import io.loadstack.api.agents.registry.AgentSettings;
import io.loadstack.api.launches.provisioning.ProvisionQueue;
import io.loadstack.api.plans.Generator;
import io.loadstack.api.plans.Plan;
import io.loadstack.api.plans.PlanVersion;
import io.loadstack.api.plans.Plans;
import io.loadstack.api.targets.AllowedTargets;
import io.loadstack.api.targets.TargetNotAllowedException;
import io.loadstack.api.users.Role;
import io.loadstack.api.users.User;
import io.loadstack.support.security.IngestTokenHash;
import io.loadstack.support.thresholds.InvalidThresholdsException;
import io.loadstack.support.thresholds.ThresholdParser;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What users do with launches: make one, read them, stop one, run one again. One transaction each. */
@Singleton
public class Launches {

    private final LaunchStore store;
    private final Plans plans;
    private final LaunchIngestTokens tokens;
    private final ProvisionQueue provisioning;
    private final LaunchPolicy policy;
    private final LaunchPolicy provisionedPolicy;
    private final Duration heartbeatTimeout;
    private final AllowedTargets allowedTargets;

    Launches(LaunchStore store, Plans plans, LaunchIngestTokens tokens, ProvisionQueue provisioning,
             LaunchSettings settings, AgentSettings agents, AllowedTargets allowedTargets) {
        this.store = store;
        this.plans = plans;
        this.tokens = tokens;
        this.provisioning = provisioning;
        this.policy = settings.policy();
        this.provisionedPolicy = settings.provisionedPolicy();
        this.heartbeatTimeout = agents.heartbeatTimeout();
        this.allowedTargets = allowedTargets;
    }

    /**
     * Splits the request over the agents online and free now and opens the launch; the agents get their
     * assignments with their next heartbeat. A region short of agents does not refuse the launch: the
     * readiness timeout fails it, naming the region (the split is made once, here: an agent that comes online
     * later is not taken). A provisioned launch instead plans agents by name and queues their start for a
     * provisioner (README, "Agents on demand"); agents started for a launch are never taken by another.
     *
     * @throws InvalidLaunchRequestException when the request cannot be run (422)
     * @throws InvalidThresholdsException    when a threshold does not parse (400)
     * @throws TargetNotAllowedException     when the target is not on the allowed targets (403)
     * @throws NoSuchPlanVersionException    when the plan has no such version (the plan itself: NoSuchPlanException)
     */
    LaunchViews.Created create(LaunchRequest request, String generator, User user) {
        ThresholdParser.parseAll("thresholds", request.thresholds());
        LaunchPlanner.validate(request);
        allowedTargets.requireAllowed(request.targetHost());
        Plan plan = plans.find(request.planId());
        PlanVersion version = request.planVersion() == null ? plan.latest() : plan.version(request.planVersion())
                .orElseThrow(() -> new NoSuchPlanVersionException("plan " + plan.id() + " has no version " + request.planVersion()
                        + " (its latest is " + plan.latest().number() + ")"));
        requireGenerator(generator, plan.generator());
        List<LaunchFile> files = version.files().stream().map(f -> new LaunchFile(f.name(), f.size(), f.sha256())).toList();
        return store.inTransaction("making a launch", connection -> {
            Instant now = now();
            boolean provisioned = request.provision() != null;
            LaunchPlan split = provisioned ? null : LaunchPlanner.plan(request, idleAgents(connection, now));
            LaunchPolicy chosen = provisioned ? provisionedPolicy : policy;
            String runUuid = UUID.randomUUID().toString();
            String salt = LaunchIngestTokens.newSalt();
            LaunchRequest pinned = request.pinnedTo(version.number());
            long id = store.insert(connection, runUuid, pinned, version.number(), chosen,
                    provisioned ? List.of() : split.shortfalls(), user.id(), user.username(), plan.name(),
                    plan.generator(), files, salt, now);
            if (provisioned) {
                // The agents' names carry the launch's id, which the insert just gave.
                split = LaunchPlanner.provisioned(request, id);
            }
            Launch launch = Launch.open(id, runUuid, pinned, version.number(), split, chosen, now).launch();
            store.insertAgents(connection, launch);
            if (provisioned) {
                provisioning.queue(connection, id, request.provision().wireName(), launch.agents().stream()
                        .map(agent -> new ProvisionQueue.Requested(agent.name(), agent.region())).toList(), now);
            }
            String secret = tokens.secret(id, salt);
            long tokenId = store.insertIngestToken(connection, user.id(), "launch " + id, IngestTokenHash.hash(secret),
                    IngestTokenHash.displayPrefix(secret), now);
            store.setIngestToken(connection, id, tokenId);
            return new LaunchViews.Created(id, runUuid, launch.status());
        });
    }

    /** The agents online and free now, less those started for a launch (theirs alone), locked. */
    private List<OnlineAgent> idleAgents(Connection connection, Instant now) throws SQLException {
        List<OnlineAgent> idle = store.lockIdleAgents(connection, now.minus(heartbeatTimeout));
        Set<String> provisioned = provisioning.provisionedAmong(connection, idle.stream().map(OnlineAgent::name).toList());
        return idle.stream().filter(agent -> !provisioned.contains(agent.name())).toList();
    }

    /** The launch that chose this run, as the run's verdict needs it; empty when no launch did. */
    public Optional<RunLaunch> ofRun(String runUuid) {
        return store.inTransaction("reading a run's launch", connection -> store.findByRun(connection, runUuid))
                .map(stored -> new RunLaunch(stored.launch().id(), stored.planName(), stored.launch().status(),
                        stored.launch().reason(), stored.launch().request().thresholds()));
    }

    /** What a run's verdict needs of the launch that chose it, even before the run exists. */
    public record RunLaunch(long id, String planName, LaunchStatus status, String reason, List<String> thresholds) {
    }

    LaunchViews.Detail find(long id) {
        Optional<LaunchViews.Detail> detail = store.inTransaction("reading a launch", connection -> {
            Optional<StoredLaunch> stored = store.find(connection, id);
            if (stored.isEmpty()) {
                return Optional.<LaunchViews.Detail>empty();
            }
            return Optional.of(LaunchViews.Detail.of(stored.get(), provisioning.containers(connection, id)));
        });
        return detail.orElseThrow(() -> noSuchLaunch(id));
    }

    LaunchViews.Page list(int page, int size) {
        return store.inTransaction("listing launches", connection -> new LaunchViews.Page(
                store.page(connection, page, size).stream().map(LaunchViews.Summary::of).toList(), page, size,
                store.count(connection)));
    }

    /**
     * Stops a launch; stopping one that is stopping or over changes nothing.
     *
     * @throws LaunchForbiddenException when the user neither launched it nor is an admin
     */
    void stop(long id, User user) {
        store.change("stopping a launch", id, (stored, connection) -> {
            requireLauncherOrAdmin(stored, user, "stop");
            return stored.launch().stop(user.username(), now());
        }).orElseThrow(() -> noSuchLaunch(id));
    }

    /** A running launch that stops when a threshold fails on a live record, past its delay. */
    public record AbortWatch(long id, String runUuid) {
    }

    /** The running launches with abortOnFail whose delay after the start is over. */
    public List<AbortWatch> watchedForAbort() {
        Instant now = now();
        return store.inTransaction("finding launches that abort on a failed threshold", connection -> {
            List<AbortWatch> watched = new java.util.ArrayList<>();
            for (long id : store.running(connection)) {
                store.find(connection, id).map(StoredLaunch::launch).ifPresent(launch -> {
                    Integer delay = launch.request().abortOnFailAfterSeconds();
                    if (delay != null && launch.startAt() != null && !now.isBefore(launch.startAt().plusSeconds(delay))) {
                        watched.add(new AbortWatch(launch.id(), launch.runUuid()));
                    }
                });
            }
            return watched;
        });
    }

    /** Stops a launch because a threshold failed; one already stopping or over is left as it is. */
    public void abortOnFailedThreshold(long id, String why) {
        store.change("aborting a launch", id, (stored, connection) -> stored.launch().stop("abortOnFail: " + why, now()));
    }

    /** The same settings again, the same plan version, on the agents free now. */
    LaunchViews.Created rerun(long id, User user) {
        StoredLaunch earlier = store.inTransaction("reading a launch", connection -> store.find(connection, id))
                .orElseThrow(() -> noSuchLaunch(id));
        requireLauncherOrAdmin(earlier, user, "re-run");
        return create(earlier.launch().rerunRequest(), earlier.generator().wireName(), user);
    }

    private static void requireLauncherOrAdmin(StoredLaunch stored, User user, String what) {
        if (user.role() != Role.ADMIN && !user.id().equals(stored.createdBy())) {
            throw new LaunchForbiddenException("only " + stored.createdByName() + ", who made launch "
                    + stored.launch().id() + ", and admins may " + what + " it");
        }
    }

    private static void requireGenerator(String asked, Generator planGenerator) {
        if (asked == null) {
            return;
        }
        String name = asked.toLowerCase(Locale.ROOT);
        boolean known = List.of(Generator.values()).stream().anyMatch(g -> g.wireName().equals(name));
        if (!known) {
            throw new InvalidLaunchRequestException(List.of("generator must be jmeter or locust (the plan's), was '"
                    + (asked.length() > 40 ? asked.substring(0, 40) + "…" : asked) + "'"));
        }
        if (!planGenerator.wireName().equals(name)) {
            throw new InvalidLaunchRequestException(List.of("the plan runs with " + planGenerator.wireName() + ", not "
                    + name + ": a plan's generator is fixed"));
        }
    }

    private static NoSuchLaunchException noSuchLaunch(long id) {
        return new NoSuchLaunchException("no launch " + id);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
