package io.loadstack.consumer.writer;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs whose data MySQL refused: they are not written, so that they cannot hold back every other run's
 * writes and the journal checkpoint. Each is reported once, as an ERROR naming it with MySQL's reason; its later
 * writes (which carry the same data) are set aside without another attempt. Only the writer thread uses it.
 */
@Singleton
public class SetAsideRuns {

    private static final Logger LOG = LoggerFactory.getLogger(SetAsideRuns.class);
    /** Beyond this many, the oldest is forgotten: a later write of it is tried again, and refused again. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> runs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicLong count = new AtomicLong();

    boolean contains(String uuid) {
        return runs.containsKey(uuid);
    }

    void setAside(RunWrite run, Exception refusal) {
        runs.put(run.uuid(), Boolean.TRUE);
        count.incrementAndGet();
        LOG.error("MySQL refuses run {} (owner {}, name '{}', started at {}) for its data; the run is SET ASIDE: it and its "
                        + "later writes are not stored, the other runs and the journal checkpoint go on",
                run.uuid(), run.ownerId(), run.name(), run.startedAt(), refusal);
    }

    /** How many runs were set aside since the start. */
    public long count() {
        return count.get();
    }
}
