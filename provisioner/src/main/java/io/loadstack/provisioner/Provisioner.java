package io.loadstack.provisioner;

import io.loadstack.provisioner.agents.AgentState;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.docker.AgentContainers;
import io.loadstack.provisioner.events.AgentEventFollower;
import io.loadstack.provisioner.queue.Engine;
import io.loadstack.provisioner.queue.ProvisionRequest;
import io.loadstack.provisioner.queue.RequestQueue;
import io.loadstack.provisioner.swarm.AgentServices;
import io.loadstack.provisioner.teardown.LaunchLookup;
import io.loadstack.provisioner.teardown.Sweep;
import io.loadstack.provisioner.teardown.Teardown;
import io.loadstack.support.health.InstanceName;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The provisioner's loop (docs/provisioning.md). One thread does the work, one tick at a time: at the first
 * tick it takes back its own claims (a restart under the same name) and sweeps; then each tick tears down the
 * held requests whose launch has ended, claims and provisions new ones, reads Swarm's tasks, and sweeps again
 * every sweep interval. A second thread only renews the leases, so that they hold while the first is busy
 * creating containers.
 */
@Singleton
public class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    /** Claims per tick: the others wait for the next tick, so teardowns and renewals are not held up. */
    private static final int CLAIMS_PER_TICK = 8;

    private final ProvisionerSettings settings;
    private final String name;
    private final RequestQueue queue;
    private final LaunchLookup launches;
    private final Teardown teardown;
    private final Sweep sweep;
    private final AgentStates states;
    private final AgentContainers containers;
    private final AgentServices services;
    private final AgentEventFollower events;
    private final Map<Long, ProvisionRequest> held = new ConcurrentHashMap<>();
    private ScheduledExecutorService threads;
    private boolean started;
    private long lastSweepNanos;

    public Provisioner(ProvisionerSettings settings, InstanceName instance, RequestQueue queue, LaunchLookup launches,
                       Teardown teardown, Sweep sweep, AgentStates states, AgentContainers containers,
                       AgentServices services, AgentEventFollower events) {
        this.settings = settings;
        this.name = ProvisionerSettings.isSet(settings.name()) ? settings.name().trim() : instance.value();
        this.queue = queue;
        this.launches = launches;
        this.teardown = teardown;
        this.sweep = sweep;
        this.states = states;
        this.containers = containers;
        this.services = services;
        this.events = events;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (threads != null) {
            return;
        }
        LOG.info("provisioner {} starts: agent image {}, lease {}", name, settings.agentImage(), settings.lease());
        events.start();
        threads = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "provisioner");
            thread.setDaemon(true);
            return thread;
        });
        long renewMillis = Math.max(500, settings.lease().toMillis() / 6);
        threads.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops claiming and following; what it made stays (a restart or another provisioner takes it over). */
    @PreDestroy
    public synchronized void stop() {
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            threads = null;
        }
        events.stop();
    }

    public String name() {
        return name;
    }

    /** The requests it holds now (launch ids). */
    public Set<Long> held() {
        return Set.copyOf(held.keySet());
    }

    private void tick() {
        try {
            if (!started) {
                for (ProvisionRequest request : queue.reclaimOwn(name, settings.lease())) {
                    LOG.info("took back launch {}, claimed by this provisioner before it restarted", request.launchId());
                    take(request);
                }
                sweepNow();
                started = true;
            }
            tearDownEnded();
            for (int i = 0; i < CLAIMS_PER_TICK; i++) {
                Optional<ProvisionRequest> claimed = queue.claimNext(name, settings.lease());
                if (claimed.isEmpty()) {
                    break;
                }
                LOG.info("claimed launch {} ({}, {} agents)", claimed.get().launchId(), claimed.get().engine(),
                        claimed.get().agents().size());
                take(claimed.get());
            }
            observeSwarm();
            if (System.nanoTime() - lastSweepNanos >= settings.sweepInterval().toNanos()) {
                sweepNow();
            }
        } catch (DatabaseUnavailableException e) {
            LOG.warn("{}; trying again in {}", e.getMessage(), settings.tick());
        } catch (RuntimeException e) {
            LOG.error("provisioner tick failed; trying again in {}", settings.tick(), e);
        }
    }

    /** A request just claimed (or taken back): provisioned, or torn down at once when its launch is over already. */
    private void take(ProvisionRequest request) {
        held.put(request.launchId(), request);
        if (!launches.endedOrUnknown(Set.of(request.launchId())).isEmpty()) {
            teardown.run(request.launchId(), engineOf(request.engine()), name);
            held.remove(request.launchId());
            return;
        }
        AgentEngine engine = engineOf(request.engine());
        try {
            engine.provision(request);
        } catch (ProvisioningFailedException e) {
            LOG.warn("launch {}: provisioning failed: {}", request.launchId(), e.getMessage());
            removeQuietly(engine, request.launchId());
            states.recordAll(request.launchId(), AgentState.FAILED, e.getMessage());
            queue.fail(request.launchId(), name, e.getMessage());
            held.remove(request.launchId());
        } catch (RuntimeException e) {
            // Not the request's fault (the database went away while it was being made): no longer renewed, so
            // its lease runs out and it is claimed and made again (idempotently) by this or another provisioner.
            LOG.warn("launch {}: provisioning interrupted ({}); it will be claimed again once its lease passes",
                    request.launchId(), e.toString());
            held.remove(request.launchId());
        }
    }

    private void tearDownEnded() {
        for (long launchId : launches.endedOrUnknown(new ArrayList<>(held.keySet()))) {
            ProvisionRequest request = held.get(launchId);
            if (request != null) {
                teardown.run(launchId, engineOf(request.engine()), name);
                held.remove(launchId);
            }
        }
    }

    private void observeSwarm() {
        for (ProvisionRequest request : held.values()) {
            if (request.engine() == Engine.SWARM) {
                services.observe(request);
            }
        }
    }

    private void sweepNow() {
        lastSweepNanos = System.nanoTime();
        sweep.run();
    }

    private void renewLeases() {
        for (long launchId : held.keySet()) {
            try {
                if (!queue.renew(launchId, name, settings.lease())) {
                    LOG.warn("launch {} is no longer this provisioner's (its lease passed and another took it over)",
                            launchId);
                    held.remove(launchId);
                }
            } catch (DatabaseUnavailableException e) {
                LOG.warn("{}; the lease of launch {} runs until {} after its last renewal", e.getMessage(), launchId,
                        settings.lease());
            }
        }
    }

    private AgentEngine engineOf(Engine engine) {
        return engine == Engine.SWARM ? services : containers;
    }

    private static void removeQuietly(AgentEngine engine, long launchId) {
        try {
            engine.remove(launchId);
        } catch (RuntimeException e) {
            LOG.warn("launch {}: could not remove what was made before the failure (the sweep will): {}", launchId,
                    e.toString());
        }
    }

}
