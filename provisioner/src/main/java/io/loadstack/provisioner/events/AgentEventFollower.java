package io.loadstack.provisioner.events;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.loadstack.provisioner.agents.AgentStates;
import io.loadstack.provisioner.agents.Labels;
import io.loadstack.provisioner.docker.AgentContainers;
import io.loadstack.provisioner.docker.AgentEnvironment;
import io.loadstack.provisioner.docker.Scope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows Docker's event stream, filtered by the label io.loadstack.launch (and this provisioner's scope), and
 * writes each agent container's state into provision_agents (docs/provisioning.md, "Events"). When the stream
 * (re)connects it first reads every agent container's current state, so nothing that happened while it was
 * away is missed. Runs on a thread of its own until the provisioner stops.
 */
@Singleton
public class AgentEventFollower {

    private static final Logger LOG = LoggerFactory.getLogger(AgentEventFollower.class);
    private static final long RECONNECT_DELAY_MILLIS = 2000;

    private final DockerClient docker;
    private final Scope scope;
    private final AgentStates states;
    private final AgentContainers containers;
    private final boolean healthChecked;
    private volatile boolean running;
    private volatile Closeable stream;
    private Thread thread;

    public AgentEventFollower(DockerClient docker, Scope scope, AgentStates states,
                              AgentContainers containers, AgentEnvironment environment) {
        this.docker = docker;
        this.scope = scope;
        this.states = states;
        this.containers = containers;
        this.healthChecked = environment.hasHealthcheck();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::follow, "docker-events");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        closeStream();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void follow() {
        while (running) {
            long since = System.currentTimeMillis() / 1000 - 1;
            CountDownLatch ended = new CountDownLatch(1);
            try {
                stream = docker.eventsCmd()
                        .withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(Labels.LAUNCH, Labels.SCOPE + "=" + scope.value(),
                                Labels.MANAGED_BY + "=" + Labels.MANAGER)
                        .withSince(Long.toString(since))
                        .exec(new ResultCallback.Adapter<Event>() {
                            @Override
                            public void onNext(Event event) {
                                apply(event);
                            }

                            @Override
                            public void onError(Throwable error) {
                                if (running) {
                                    LOG.warn("Docker's event stream broke ({}); reconnecting", error.toString());
                                }
                                ended.countDown();
                            }

                            @Override
                            public void onComplete() {
                                ended.countDown();
                            }
                        });
                // Events from `since` on are replayed by Docker, so a change between the two is not lost.
                reconcile();
                while (running && !ended.await(1, TimeUnit.SECONDS)) {
                    // waiting for the stream to end
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("cannot follow Docker's events ({}); trying again", e.toString());
                }
            } finally {
                closeStream();
            }
            pause();
        }
    }

    private void apply(Event event) {
        try {
            ContainerEvents.changeOf(event, healthChecked).ifPresent(change ->
                    states.record(change.launchId(), change.agentName(), change.state(), change.detail(),
                            change.containerId()));
        } catch (RuntimeException e) {
            LOG.warn("could not record event {} of container {}: {}", event.getAction(), event.getId(), e.toString());
        }
    }

    /** Every agent container's state now, as the event stream would have told it. */
    private void reconcile() {
        for (Container container : containers.all()) {
            Map<String, String> labels = container.getLabels();
            Long launchId = ContainerEvents.parseLaunch(labels.get(Labels.LAUNCH));
            String agent = labels.get(Labels.AGENT);
            if (launchId == null || agent == null || container.getState() == null) {
                continue;
            }
            states.record(launchId, agent,
                    ContainerEvents.stateOf(container.getState(), container.getStatus(), healthChecked),
                    null, container.getId());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeStream() {
        Closeable current = stream;
        stream = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debug("closing the event stream: {}", e.toString());
            }
        }
    }
}
