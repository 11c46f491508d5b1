package io.loadstack.dashboard.polling;

import io.loadstack.dashboard.config.DashboardSettings;
import io.loadstack.dashboard.config.Target;
import io.loadstack.dashboard.config.Targets;
import io.loadstack.dashboard.events.AlertWebhook;
import io.loadstack.dashboard.events.StatusBoard;
import io.loadstack.dashboard.history.EventRepository;
import io.loadstack.dashboard.history.HealthEvent;
import io.loadstack.dashboard.history.HealthSample;
import io.loadstack.dashboard.history.SampleRepository;
import io.loadstack.dashboard.live.LiveMessage;
import io.loadstack.dashboard.live.LiveSocket;
import io.loadstack.support.health.DatabaseProbe;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Every poll interval (2 s): asks all targets and their Monit at once, checks the database, stores one
 * sample per target, turns changes into events (stored, pushed to the page, sent to the webhook).
 *
 * <p>With a fixed delay and a 1.5 s timeout a stopped service is seen DOWN at most about 3.5 s after it
 * stopped, inside the 5 s the page promises.
 */
@Singleton
public class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final Targets targets;
    private final HealthProbe health;
    private final MonitProbe monit;
    private final DatabaseProbe database;
    private final StatusBoard board;
    private final SampleRepository samples;
    private final EventRepository events;
    private final AlertWebhook webhook;
    private final LiveSocket live;
    private final Duration timeout;
    private final ExecutorService databaseExecutor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-db-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean databaseWarned;
    /** Events that happened while the database was away; only the poll thread touches this list. */
    private final List<HealthEvent> unstored = new ArrayList<>();
    private static final int MAX_UNSTORED = 1000;

    public Poller(Targets targets, HealthProbe health, MonitProbe monit, DatabaseProbe database, StatusBoard board,
                  SampleRepository samples, EventRepository events, AlertWebhook webhook, LiveSocket live,
                  DashboardSettings settings) {
        this.targets = targets;
        this.health = health;
        this.monit = monit;
        this.database = database;
        this.board = board;
        this.samples = samples;
        this.events = events;
        this.webhook = webhook;
        this.live = live;
        this.timeout = settings.timeout();
    }

    @PreDestroy
    void stop() {
        databaseExecutor.shutdownNow();
    }

    @Scheduled(fixedDelay = "${loadstack.dashboard.poll-interval:2s}", initialDelay = "${loadstack.dashboard.initial-delay:1s}")
    public void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // The scheduler must keep going whatever one round did.
            LOG.warn("poll failed: {}", e.toString(), e);
        }
    }

    public void pollOnce() {
        List<CompletableFuture<Observation>> pending = new ArrayList<>();
        for (Target target : targets.all()) {
            pending.add(health.probe(target)
                    .thenCombine(monit.probe(target), Observation::withMonit)
                    // Belt and braces over the client's own timeouts: one round never waits for ever.
                    .completeOnTimeout(Observation.down(target.name(), Instant.now(), "no answer", null),
                            timeout.toMillis() * 2 + 500, TimeUnit.MILLISECONDS));
        }
        Instant databaseAt = Instant.now();
        // On its own thread with the same bound as the targets: a dead database (two 3 s connection
        // attempts) must not hold up the other cards.
        boolean databaseUp = CompletableFuture.supplyAsync(database::isReachable, databaseExecutor)
                .completeOnTimeout(false, timeout.toMillis() * 2 + 500, TimeUnit.MILLISECONDS)
                .join();
        List<Observation> observations = new ArrayList<>();
        for (CompletableFuture<Observation> future : pending) {
            observations.add(future.join());
        }
        observations.add(databaseUp
                ? new Observation(Targets.DATABASE, databaseAt, true, null, "mysql", null, null, null, null, null, null,
                null, null, null)
                : Observation.down(Targets.DATABASE, databaseAt, "the dashboard cannot reach the database", null));
        record(observations, databaseUp);
    }

    private void record(List<Observation> observations, boolean databaseUp) {
        List<HealthEvent> happened = new ArrayList<>();
        List<HealthSample> rows = new ArrayList<>();
        for (Observation observation : observations) {
            happened.addAll(board.apply(observation));
            rows.add(sample(observation));
        }
        List<HealthEvent> stored = new ArrayList<>(happened);
        // Writing to a database that just failed its probe would only wait for the pool's timeout.
        if (databaseUp) {
            stored = store(rows, happened);
        } else {
            keep(happened);
            if (!databaseWarned) {
                LOG.warn("database unreachable: the health history has a gap until it is back");
                databaseWarned = true;
            }
        }
        for (HealthEvent event : stored) {
            LOG.info("{}", event.message());
            webhook.send(event);
        }
        live.publish(new LiveMessage("update", board.views(), stored));
    }

    /**
     * @return the events as stored (with ids), or as they are when they could not be stored: those wait in
     * memory for the database and are written first when it is back, so an outage of the database itself
     * still ends up in the timeline.
     */
    private List<HealthEvent> store(List<HealthSample> rows, List<HealthEvent> happened) {
        try {
            while (!unstored.isEmpty()) {
                events.save(unstored.get(0));
                unstored.remove(0);
            }
            List<HealthEvent> stored = new ArrayList<>();
            for (HealthEvent event : happened) {
                stored.add(events.save(event));
            }
            samples.saveAll(rows);
            databaseWarned = false;
            return stored;
        } catch (RuntimeException e) {
            if (!databaseWarned) {
                LOG.warn("cannot store the health history: {}", e.toString());
                databaseWarned = true;
            }
            keep(happened);
            return happened;
        }
    }

    private void keep(List<HealthEvent> happened) {
        unstored.addAll(happened);
        while (unstored.size() > MAX_UNSTORED) {
            unstored.remove(0);
        }
    }

    private static HealthSample sample(Observation o) {
        String detail = o.detail() == null ? null : o.detail().substring(0, Math.min(255, o.detail().length()));
        return new HealthSample(null, o.target(), o.at().truncatedTo(ChronoUnit.MILLIS), o.up() ? "UP" : "DOWN",
                o.cpuProcess(), o.cpuSystem(), o.memUsed(), o.memMax(), o.memRss(), o.uptime(), o.latencyMs(),
                o.monit() == null ? null : o.monit().state(), detail);
    }
}
