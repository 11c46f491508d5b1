package io.loadstack.consumer.live;

import io.loadstack.consumer.runs.LiveSnapshot;
import io.loadstack.consumer.runs.RunRecorder;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.websocket.WebSocketBroadcaster;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Once a second, sends each watched run's latest numbers to the sessions watching it. Only runs with an
 * open socket are looked at: building a snapshot merges histograms, and doing it for a thousand runs
 * nobody watches was a large share of the consumer's CPU in the flush benchmark (BENCHMARKS.md).
 */
@Singleton
public class LivePublisher {

    private final RunRecorder recorder;
    private final WebSocketBroadcaster broadcaster;
    private final Map<String, AtomicInteger> watchers = new ConcurrentHashMap<>();

    public LivePublisher(RunRecorder recorder, WebSocketBroadcaster broadcaster) {
        this.recorder = recorder;
        this.broadcaster = broadcaster;
    }

    void opened(String uuid, WebSocketSession session) {
        watchers.computeIfAbsent(uuid, u -> new AtomicInteger()).incrementAndGet();
        session.sendAsync(snapshotOf(uuid, Instant.now()));
    }

    void closed(String uuid) {
        watchers.computeIfPresent(uuid, (u, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    @Scheduled(fixedRate = "1s")
    void publish() {
        Instant now = Instant.now();
        for (String uuid : watchers.keySet()) {
            // A run the consumer no longer holds has said its last word (COMPLETED) already.
            recorder.liveSnapshot(uuid, now).ifPresent(snapshot -> broadcaster.broadcastAsync(snapshot,
                    session -> uuid.equals(session.getUriVariables().get("uuid", String.class, null))));
        }
    }

    private LiveSnapshot snapshotOf(String uuid, Instant now) {
        Optional<LiveSnapshot> snapshot = recorder.liveSnapshot(uuid, now);
        return snapshot.orElseGet(() -> new LiveSnapshot("snapshot", uuid, "UNKNOWN", now, 0, 0, 0, 0, null, null, null, List.of()));
    }
}
