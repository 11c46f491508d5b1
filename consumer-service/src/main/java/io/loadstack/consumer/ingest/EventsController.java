package io.loadstack.consumer.ingest;

import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.journal.JournalFullException;
import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.Outcome;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.runs.RunState;
import io.loadstack.consumer.runs.RunStatus;
import io.loadstack.consumer.writer.RunStore;
import io.loadstack.consumer.writer.RunWriter;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JSON ingestion API of the old Locust clients: register a run, post stats while it runs, commit it.
 * Each accepted request is in the journal on disk before it is answered.
 */
@Controller
@Secured(IngestTokenAuthenticationFetcher.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {

    private static final int MAX_FINAL_STATS_CHARS = 1_000_000;

    private final RecordingJournal journal;
    private final RunRecorder recorder;
    private final RunStore store;
    private final RunWriter writer;
    private final JsonMapper json;

    public EventsController(RecordingJournal journal, RunRecorder recorder, RunStore store, RunWriter writer, JsonMapper json) {
        this.journal = journal;
        this.recorder = recorder;
        this.store = store;
        this.writer = writer;
        this.json = json;
    }

    @Post("/apiv0.1/events/register")
    public HttpResponse<EventRequests.Registered> register(@Valid @Body EventRequests.Register body, Authentication authentication) {
        Instant now = now();
        Instant startedAt = RequestParsing.time("startedAt", body.startedAt(), now);
        Map<String, String> tags = RequestParsing.tags(body.measurement() == null ? null : body.measurement().tags());
        String fields = fieldsJson(body.measurement() == null ? null : body.measurement().fields());
        String uuid = UUID.randomUUID().toString();
        RunEvent.Registered event = new RunEvent.Registered(uuid, owner(authentication), now, startedAt,
                runName(body, tags), "events", body.host(), tags.get("targetHost"), tags, fields);
        settle(journal.submit(event));
        awaitWrite();
        return HttpResponse.created(new EventRequests.Registered(uuid));
    }

    @Post("/apiv0.1/events/{uuid}/stats")
    public HttpResponse<EventRequests.Accepted> stats(@PathVariable String uuid, @Valid @Body EventRequests.Stats body,
                                                      Authentication authentication) {
        String id = RequestParsing.uuid(uuid);
        long owner = owner(authentication);
        checkRunAcceptsData(id, owner);
        List<RunEvent.EndpointDelta> endpoints = new ArrayList<>(body.endpoints().size());
        for (int i = 0; i < body.endpoints().size(); i++) {
            EventRequests.Endpoint endpoint = body.endpoints().get(i);
            RequestParsing.Histogram times = RequestParsing.responseTimes("endpoints[" + i + "].responseTimes", endpoint.responseTimes());
            endpoints.add(new RunEvent.EndpointDelta(endpoint.method().toUpperCase(java.util.Locale.ROOT), endpoint.name(),
                    endpoint.requests(), endpoint.failures(), times.valuesMicros(), times.counts(), endpoint.errors()));
        }
        Instant now = now();
        RunEvent.Stats event = new RunEvent.Stats(id, owner, now,
                body.source() == null || body.source().isBlank() ? "default" : body.source(), body.seq(), body.users(), endpoints);
        Outcome outcome = settle(journal.submit(event));
        return HttpResponse.accepted().body(new EventRequests.Accepted(outcome == Outcome.ACCEPTED));
    }

    @Post("/apiv0.1/events/commit")
    public HttpResponse<EventRequests.Committed> commit(@Valid @Body EventRequests.Commit body, Authentication authentication) {
        String id = RequestParsing.uuid(body.uuid());
        long owner = owner(authentication);
        checkRunAcceptsData(id, owner);
        Instant now = now();
        Instant endedAt = RequestParsing.time("startedAt", body.startedAt(), now);
        String finalStats = finalStats(body);
        Outcome outcome = settle(journal.submit(new RunEvent.Committed(id, owner, now, endedAt, finalStats)));
        if (outcome == Outcome.DUPLICATE) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "run " + id + " is already committed");
        }
        awaitWrite();
        return HttpResponse.ok(new EventRequests.Committed(id, RunStatus.COMPLETED.name()));
    }

    @Get("/events/isrunning")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventRequests.Running isRunning() {
        return new EventRequests.Running(recorder.runningCount());
    }

    @Get("/apiv0.1/events/isrunning")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public EventRequests.Running isRunningV01() {
        return isRunning();
    }

    /**
     * Fast answers before anything is journaled: unknown runs, other users' runs, finished runs. The
     * journal thread checks again when it applies the event, which settles any race.
     */
    private void checkRunAcceptsData(String uuid, long owner) {
        Optional<RunState> live = recorder.find(uuid);
        long runOwner;
        RunStatus status;
        if (live.isPresent()) {
            runOwner = live.get().ownerId();
            status = live.get().status();
        } else {
            try {
                RunStore.StoredRun stored = store.findRun(uuid)
                        .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no run " + uuid));
                runOwner = stored.ownerId();
                status = stored.status();
            } catch (SQLException e) {
                throw new HttpStatusException(HttpStatus.NOT_FOUND, "no run " + uuid);
            }
        }
        if (runOwner != owner) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "run " + uuid + " belongs to another user's token");
        }
        if (status != RunStatus.RUNNING) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "run " + uuid + " is " + status + " and takes no more data");
        }
    }

    /** Waits for the journal's answer and turns refusals into HTTP errors. */
    private Outcome settle(Future<Outcome> pending) {
        Outcome outcome;
        try {
            outcome = pending.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalFullException full) {
                throw full;
            }
            // The journal could not write (disk full or failing): the server's condition, and retryable.
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "journal unavailable");
        } catch (TimeoutException e) {
            throw new JournalFullException(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return switch (outcome) {
            case NOT_FOUND -> throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such run");
            case FORBIDDEN -> throw new HttpStatusException(HttpStatus.FORBIDDEN, "the run belongs to another user's token");
            case FINISHED -> throw new HttpStatusException(HttpStatus.CONFLICT, "the run is finished and takes no more data");
            default -> outcome;
        };
    }

    /** Lets a reader of the API see a register or commit at once; when MySQL is away, the journal has it. */
    private void awaitWrite() {
        try {
            writer.writeSoon().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // stays pending; the next tick writes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long owner(Authentication authentication) {
        Object uid = authentication.getAttributes().get(IngestTokenAuthenticationFetcher.USER_ID);
        if (uid instanceof Number number) {
            return number.longValue();
        }
        throw new HttpStatusException(HttpStatus.FORBIDDEN, "ingestion needs an ingest token, not a login");
    }

    private static String runName(EventRequests.Register body, Map<String, String> tags) {
        for (String key : List.of("testName", "name", "test", "title")) {
            if (tags.containsKey(key)) {
                return tags.get(key);
            }
        }
        if (body.name() != null && !body.name().isBlank()) {
            return body.name();
        }
        String target = tags.getOrDefault("targetHost", body.host());
        return target == null ? "load test" : "load test of " + target;
    }

    private String fieldsJson(Map<String, JsonNode> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(fields);
            if (text.length() > 10_000) {
                throw RequestParsing.badRequest("measurement.fields: at most 10000 characters");
            }
            return text;
        } catch (IOException e) {
            throw RequestParsing.badRequest("measurement.fields: not serialisable");
        }
    }

    private String finalStats(EventRequests.Commit body) {
        if (body.measurement() == null || body.measurement().fields() == null) {
            return null;
        }
        JsonNode stats = body.measurement().fields().get("requestStats");
        if (stats == null || stats.isNull()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(stats);
            if (text.length() > MAX_FINAL_STATS_CHARS) {
                throw RequestParsing.badRequest("measurement.fields.requestStats: at most 1 MB");
            }
            return text;
        } catch (IOException e) {
            throw RequestParsing.badRequest("measurement.fields.requestStats: not serialisable");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
