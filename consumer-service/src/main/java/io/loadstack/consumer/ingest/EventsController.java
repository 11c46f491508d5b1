package io.loadstack.consumer.ingest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.runs.Outcome;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.runs.RunStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON ingestion API of the old Locust clients: register a run, post stats while it runs, commit it.
 * Each accepted request is in the journal on disk before it is answered.
 */
@SecurityRequirement(name = "ingestToken")
@Controller
@Secured(IngestTokenAuthenticationFetcher.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {

    private static final int MAX_FINAL_STATS_CHARS = 1_000_000;

    private final Ingestion ingestion;
    private final RunRecorder recorder;
    private final JsonMapper json;

    public EventsController(Ingestion ingestion, RunRecorder recorder, JsonMapper json) {
        this.ingestion = ingestion;
        this.recorder = recorder;
        this.json = json;
    }

    /**
     * 201 with a new run; with a {@code uuid} of the client's choosing, 201 when it created that run and 200
     * when its owner joins it while it runs (nothing changes: a launch's agents all register the one run).
     */
    @Status(HttpStatus.CREATED)
    @Post("/apiv0.1/events/register")
    public HttpResponse<EventRequests.Registered> register(@Valid @Body EventRequests.Register body, Authentication authentication) {
        Instant now = now();
        long owner = ingestion.owner(authentication);
        String uuid;
        if (body.uuid() == null) {
            uuid = UUID.randomUUID().toString();
        } else {
            uuid = RequestParsing.chosenUuid(body.uuid());
            ingestion.checkRunCanBeJoined(uuid, owner);
        }
        Instant startedAt = RequestParsing.time("startedAt", body.startedAt(), now);
        Map<String, String> tags = RequestParsing.tags(body.measurement() == null ? null : body.measurement().tags());
        String fields = fieldsJson(body.measurement() == null ? null : body.measurement().fields());
        List<String> thresholds = RequestParsing.thresholds(body.thresholds());
        RunEvent.Registered event = new RunEvent.Registered(uuid, owner, now, startedAt,
                runName(body, tags), "events", body.host(), tags.get("targetHost"), tags, fields, thresholds);
        if (ingestion.submit(event) == Outcome.DUPLICATE) {
            return HttpResponse.ok(new EventRequests.Registered(uuid));
        }
        ingestion.awaitWrite();
        return HttpResponse.created(new EventRequests.Registered(uuid));
    }

    @Status(HttpStatus.ACCEPTED)
    @Post("/apiv0.1/events/{uuid}/stats")
    public HttpResponse<EventRequests.Accepted> stats(@PathVariable String uuid, @Valid @Body EventRequests.Stats body,
                                                      Authentication authentication) {
        String id = RequestParsing.uuid(uuid);
        long owner = ingestion.owner(authentication);
        ingestion.checkRunAcceptsData(id, owner);
        List<RunEvent.EndpointDelta> endpoints = new ArrayList<>(body.endpoints().size());
        for (int i = 0; i < body.endpoints().size(); i++) {
            EventRequests.Endpoint endpoint = body.endpoints().get(i);
            RequestParsing.Histogram times = RequestParsing.endpointTimes("endpoints[" + i + "]", endpoint);
            endpoints.add(new RunEvent.EndpointDelta(endpoint.method().toUpperCase(java.util.Locale.ROOT), endpoint.name(),
                    endpoint.requests(), endpoint.failures(), times.valuesMicros(), times.counts(), endpoint.errors()));
        }
        Instant now = now();
        RunEvent.Stats event = new RunEvent.Stats(id, owner, now,
                body.source() == null || body.source().isBlank() ? "default" : body.source(), body.seq(), body.users(), endpoints);
        Outcome outcome = ingestion.submit(event);
        return HttpResponse.accepted().body(new EventRequests.Accepted(outcome == Outcome.ACCEPTED));
    }

    @Post("/apiv0.1/events/commit")
    public HttpResponse<EventRequests.Committed> commit(@Valid @Body EventRequests.Commit body, Authentication authentication) {
        String id = RequestParsing.uuid(body.uuid());
        long owner = ingestion.owner(authentication);
        ingestion.checkRunAcceptsData(id, owner);
        Instant now = now();
        Instant endedAt = RequestParsing.time("startedAt", body.startedAt(), now);
        String finalStats = finalStats(body);
        Outcome outcome = ingestion.submit(new RunEvent.Committed(id, owner, now, endedAt, finalStats));
        if (outcome == Outcome.DUPLICATE) {
            throw new RunFinishedException("run " + id + " is already committed");
        }
        ingestion.awaitWrite();
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

    /** The first of the name tags that says something, else the body's name, else what was tested. */
    private static String runName(EventRequests.Register body, Map<String, String> tags) {
        for (String key : List.of("testName", "name", "test", "title")) {
            if (!isBlank(tags.get(key))) {
                return tags.get(key);
            }
        }
        if (!isBlank(body.name())) {
            return body.name();
        }
        String target = isBlank(tags.get("targetHost")) ? body.host() : tags.get("targetHost");
        return isBlank(target) ? "load test" : "load test of " + target;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
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
