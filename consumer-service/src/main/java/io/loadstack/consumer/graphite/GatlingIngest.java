package io.loadstack.consumer.graphite;

import io.loadstack.consumer.auth.IngestTokens;
import io.loadstack.consumer.ingest.Ingestion;
import io.loadstack.consumer.runs.RunEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Takes complete Gatling flushes off the network threads: checks their tokens (MySQL, cached) and journals
 * them, one at a time in arrival order, so a users count never goes back in time. Graphite has no answer
 * to give, so a flush that cannot be queued or journaled is dropped and counted, never waited for.
 */
@Singleton
public class GatlingIngest {

    private static final Logger LOG = LoggerFactory.getLogger(GatlingIngest.class);

    private final Ingestion ingestion;
    private final IngestTokens tokens;
    private final GraphiteCounts counts;
    private final ThreadPoolExecutor worker;

    public GatlingIngest(Ingestion ingestion, IngestTokens tokens, GraphiteCounts counts, GraphiteSettings settings) {
        this.ingestion = ingestion;
        this.tokens = tokens;
        this.counts = counts;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, settings.queuedBatches())),
                runnable -> {
                    Thread thread = new Thread(runnable, "graphite-ingest");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** @param lines how many lines the flush holds per token, counted accepted or refused once the token is checked */
    void submit(GatlingFlush flush, Map<String, Integer> lines) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            worker.execute(() -> journal(flush, lines, receivedAt));
        } catch (RejectedExecutionException e) {
            counts.flush("dropped");
        }
    }

    private void journal(GatlingFlush flush, Map<String, Integer> lines, Instant receivedAt) {
        Map<Long, List<RunEvent.RunSamples>> byOwner = new LinkedHashMap<>();
        flush.samplesByToken(receivedAt).forEach((token, samples) -> {
            Optional<IngestTokens.Owner> owner;
            try {
                owner = tokens.check(token);
            } catch (SQLException e) {
                LOG.warn("cannot check a Graphite line's ingest token, MySQL is away: {}", e.getMessage());
                counts.flush("failed");
                return;
            }
            if (owner.isEmpty()) {
                counts.lines("unknown_token", lines.getOrDefault(token, 0));
                return;
            }
            counts.lines("accepted", lines.getOrDefault(token, 0));
            byOwner.computeIfAbsent(owner.get().userId(), o -> new ArrayList<>()).addAll(samples);
        });
        byOwner.forEach((owner, samples) -> {
            try {
                ingestion.submit(new RunEvent.InfluxSamples(owner, receivedAt, samples));
                counts.flush("journaled");
            } catch (RuntimeException e) {
                LOG.warn("a Gatling flush was not journaled: {}", e.toString());
                counts.flush("failed");
            }
        });
    }

    /** Lets queued flushes reach the journal before the consumer stops. */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
