package io.loadstack.dashboard.events;

import io.loadstack.dashboard.config.Targets;
import io.loadstack.dashboard.history.EventRepository;
import io.loadstack.dashboard.history.HealthEvent;
import io.loadstack.dashboard.history.HealthSample;
import io.loadstack.dashboard.history.SampleRepository;
import io.loadstack.dashboard.polling.MonitStatus;
import io.loadstack.dashboard.polling.Observation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current state of every target and the rules that turn observations into events: UP→DOWN and DOWN→UP
 * are changes; a restart is the healthcheck's uptime going down or Monit reporting a new pid.
 *
 * <p>The previous state of each target is read back from the history the first time it is seen, so a
 * restart of the dashboard neither forgets an outage nor announces a change that did not happen.
 */
@Singleton
public class StatusBoard {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

    private final SampleRepository samples;
    private final EventRepository events;
    private final Map<String, TargetState> states = new LinkedHashMap<>();

    public StatusBoard(Targets targets, SampleRepository samples, EventRepository events) {
        this.samples = samples;
        this.events = events;
        for (String name : targets.names()) {
            states.put(name, new TargetState(name));
        }
    }

    public synchronized List<ServiceView> views() {
        return states.values().stream().map(s -> s.view).toList();
    }

    /** @return the events this observation causes, in the order they happened */
    public synchronized List<HealthEvent> apply(Observation observation) {
        TargetState state = states.computeIfAbsent(observation.target(), TargetState::new);
        state.restoreOnce();
        Instant at = observation.at().truncatedTo(ChronoUnit.MILLIS);
        List<HealthEvent> happened = new ArrayList<>();
        String name = observation.target();

        String restart = restart(state, observation);
        if (restart != null) {
            state.restarts++;
            happened.add(new HealthEvent(null, name, at, HealthEvent.RESTART, name + " restarted (" + restart + ")"));
        }
        if (state.lastUp == null || state.lastUp != observation.up()) {
            if (!observation.up()) {
                happened.add(new HealthEvent(null, name, at, HealthEvent.DOWN, name + " is DOWN: " + observation.detail()));
            } else if (state.lastUp != null) {
                happened.add(new HealthEvent(null, name, at, HealthEvent.UP, name + " is UP again"));
            }
            // A target first seen UP is no news: only a first DOWN is worth an event.
        }
        state.lastUp = observation.up();
        if (observation.up()) {
            state.lastSeen = at;
            if (observation.uptime() != null) {
                state.lastUptime = observation.uptime();
            }
        }
        MonitStatus monit = observation.monit();
        if (monit != null && monit.pid() != null) {
            state.lastPid = monit.pid();
        }
        state.view = new ServiceView(name, observation.up() ? "UP" : "DOWN", observation.detail(),
                observation.service(), observation.instance(), observation.cpuProcess(), observation.cpuSystem(),
                observation.memUsed(), observation.memMax(), observation.memRss(), observation.uptime(),
                observation.latencyMs(), at, state.lastSeen, state.restarts, monit);
        return happened;
    }

    /** @return how the restart showed, or null when there was none */
    private static String restart(TargetState state, Observation observation) {
        MonitStatus monit = observation.monit();
        if (monit != null && monit.pid() != null && state.lastPid != null && !monit.pid().equals(state.lastPid)) {
            // Monit saw the new process first; forget the old uptime so the healthcheck does not count it again.
            state.lastUptime = null;
            return "new pid " + monit.pid() + ", was " + state.lastPid;
        }
        // One second of slack: uptimes are measured at slightly different moments of the poll.
        if (observation.up() && observation.uptime() != null && state.lastUptime != null
                && observation.uptime() + 1.0 < state.lastUptime) {
            return "up " + Math.round(observation.uptime()) + " s, was up " + Math.round(state.lastUptime) + " s";
        }
        return null;
    }

    /** Per-target memory of the previous polls. */
    private final class TargetState {
        final String name;
        boolean restored;
        Boolean lastUp;
        Double lastUptime;
        Integer lastPid;
        Instant lastSeen;
        long restarts;
        ServiceView view;

        TargetState(String name) {
            this.name = name;
            this.view = ServiceView.unknown(name);
        }

        void restoreOnce() {
            if (restored) {
                return;
            }
            // Once only: if the database is down now, the live polls are the memory from here on.
            restored = true;
            try {
                Optional<HealthSample> last = samples.findFirstByTargetOrderBySampledAtDesc(name);
                last.ifPresent(s -> {
                    lastUp = "UP".equals(s.status());
                    if (lastUp) {
                        lastUptime = s.uptime();
                    }
                });
                samples.findFirstByTargetAndStatusOrderBySampledAtDesc(name, "UP").ifPresent(s -> lastSeen = s.sampledAt());
                restarts = events.countByTargetAndKind(name, HealthEvent.RESTART);
            } catch (RuntimeException e) {
                // Database down at start: carry on from nothing.
                LOG.debug("cannot read the history of {} yet: {}", name, e.toString());
            }
        }
    }
}
