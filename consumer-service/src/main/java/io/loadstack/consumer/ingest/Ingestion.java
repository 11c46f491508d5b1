package io.loadstack.consumer.ingest;

import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.journal.JournalFullException;
import io.loadstack.consumer.journal.JournalUnavailableException;
import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.Outcome;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.runs.RunState;
import io.loadstack.consumer.runs.RunStatus;
import io.loadstack.consumer.writer.RunStore;
import io.loadstack.consumer.writer.RunWriter;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way into the journal for every ingestion endpoint (the events API and the InfluxDB writes), and
 * the one place that decides how a refusal reads: each refusal is a domain exception with its own handler
 * (run not found 404, another user's run 403, finished run 409, journal full or unavailable and MySQL
 * unreachable 503 with Retry-After, a login instead of an ingest token 403).
 */
@Singleton
public class Ingestion {

    /** What the 503s tell a generator: one writer period is when things may have changed. */
    static final String RETRY_AFTER_SECONDS = "15";

    private static final long JOURNAL_ANSWER_SECONDS = 30;
    private static final long WRITE_WAIT_SECONDS = 5;

    private final RecordingJournal journal;
    private final RunRecorder recorder;
    private final RunStore store;
    private final RunWriter writer;

    public Ingestion(RecordingJournal journal, RunRecorder recorder, RunStore store, RunWriter writer) {
        this.journal = journal;
        this.recorder = recorder;
        this.store = store;
        this.writer = writer;
    }

    /** The user whose ingest token signed the request; a login (JWT) cannot ingest. */
    public long owner(Authentication authentication) {
        Object uid = authentication.getAttributes().get(IngestTokenAuthenticationFetcher.USER_ID);
        if (uid instanceof Number number) {
            return number.longValue();
        }
        throw new NotAnIngestTokenException("ingestion needs an ingest token, not a login");
    }

    /**
     * Fast answers before anything is journaled: unknown runs, other users' runs, finished runs. The
     * journal thread checks again when it applies the event, which settles any race. A run not in memory
     * is looked up in MySQL; when MySQL cannot answer, neither can we, and the generator is told to retry.
     */
    public void checkRunAcceptsData(String uuid, long owner) {
        RunState state = state(uuid).orElseThrow(() -> new RunNotFoundException("no run " + uuid));
        if (state.ownerId() != owner) {
            throw new RunOfAnotherUserException("run " + uuid + " belongs to another user's token");
        }
        if (state.status() != RunStatus.RUNNING) {
            throw new RunFinishedException("run " + uuid + " is " + state.status() + " and takes no more data");
        }
    }

    /**
     * Before a register names its own uuid: a run that does not exist yet may be created, one that runs may
     * be joined by its owner. The journal thread decides again (two agents may create it at once); this check
     * is what keeps a run that finished long ago, which only MySQL still knows, from being opened again.
     */
    public void checkRunCanBeJoined(String uuid, long owner) {
        if (state(uuid).isPresent()) {
            checkRunAcceptsData(uuid, owner);
        }
    }

    private Optional<RunState> state(String uuid) {
        Optional<RunState> live = recorder.find(uuid);
        if (live.isPresent()) {
            return live;
        }
        try {
            return store.findRun(uuid).map(stored -> new RunState(stored.ownerId(), stored.status()));
        } catch (SQLException e) {
            throw new RunsUnavailableException("run " + uuid + " cannot be looked up: MySQL is unreachable", e);
        }
    }

    /**
     * Journals an event and waits until it is durable and applied.
     *
     * @return {@link Outcome#ACCEPTED}, or {@link Outcome#DUPLICATE} for what the run already reflects
     */
    public Outcome submit(RunEvent event) {
        Outcome outcome = settle(journal.submit(event));
        return switch (outcome) {
            case NOT_FOUND -> throw new RunNotFoundException("no such run");
            case FORBIDDEN -> throw new RunOfAnotherUserException("the run belongs to another user's token");
            case FINISHED -> throw new RunFinishedException("the run is finished and takes no more data");
            case ACCEPTED, DUPLICATE -> outcome;
        };
    }

    private static Outcome settle(Future<Outcome> pending) {
        try {
            return pending.get(JOURNAL_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JournalFullException full) {
                throw full;
            }
            if (cause instanceof JournalUnavailableException unavailable) {
                throw unavailable;
            }
            throw new EventNotAppliedException(cause);
        } catch (TimeoutException e) {
            throw new JournalFullException("the journal did not answer within " + JOURNAL_ANSWER_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while waiting for the journal", e);
        }
    }

    /**
     * Lets a reader of the API see a new or ended run at once (a register, a commit, a JMeter start or
     * end); when MySQL is away the journal has it, and the next tick writes it.
     */
    public void awaitWrite() {
        try {
            writer.writeSoon().get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // stays pending; the next tick writes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
