package io.loadstack.consumer.live;

import io.loadstack.consumer.recording.LiveSnapshot;
import io.loadstack.consumer.recording.RunRecorder;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.websocket.WebSocketBroadcaster;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Once a second, sends each watched run's latest numbers to the sessions watching it. A finished run
 * gets its final state once more, then the sessions are left alone.
 */
@Singleton
public class LivePublisher {

    private final RunRecorder recorder;
    private final WebSocketBroadcaster broadcaster;

    public LivePublisher(RunRecorder recorder, WebSocketBroadcaster broadcaster) {
        this.recorder = recorder;
        this.broadcaster = broadcaster;
    }

    void sendNow(String uuid, WebSocketSession session) {
        Optional<LiveSnapshot> snapshot = recorder.liveSnapshot(uuid, Instant.now());
        session.sendAsync(snapshot.isPresent() ? snapshot.get()
                : new LiveSnapshot("snapshot", uuid, "UNKNOWN", Instant.now(), 0, 0, 0, 0, null, null, null, java.util.List.of()));
    }

    @Scheduled(fixedRate = "1s")
    void publish() {
        Set<String> watched = new HashSet<>();
        Instant now = Instant.now();
        recorder.all().forEach(run -> watched.add(run.uuid()));
        for (String uuid : watched) {
            recorder.liveSnapshot(uuid, now).ifPresent(snapshot -> {
                if ("RUNNING".equals(snapshot.status()) || snapshot.at().minusSeconds(60).isBefore(now)) {
                    broadcaster.broadcastAsync(snapshot, session -> uuid.equals(session.getUriVariables().get("uuid", String.class, null)));
                }
            });
        }
    }
}
