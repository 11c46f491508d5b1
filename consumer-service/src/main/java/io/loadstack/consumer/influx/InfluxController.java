package io.loadstack.consumer.influx;

import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.journal.JournalFullException;
import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.writer.RunWriter;
import io.loadstack.support.error.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The InfluxDB HTTP API as far as load generators use it, so that JMeter's Backend Listener and k6's
 * {@code --out influxdb} report to Loadstack unchanged: writes (v1 and v2), the query k6 sends at start,
 * and ping. Bodies are taken as raw bytes whatever their Content-Type (JMeter sends text/plain, k6 none).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InfluxController {

    /** The InfluxDB version we answer like: 1.8 has both /write and the v2 compatibility /api/v2/write. */
    static final String VERSION = "1.8.10";
    static final String VERSION_HEADER = "X-Influxdb-Version";

    private final RecordingJournal journal;
    private final UnmappedPoints unmapped;
    private final RunWriter writer;
    private final RequestBodies bodies;

    public InfluxController(RecordingJournal journal, UnmappedPoints unmapped, RunWriter writer, RequestBodies bodies) {
        this.journal = journal;
        this.unmapped = unmapped;
        this.writer = writer;
        this.bodies = bodies;
    }

    @Post("/write")
    @Consumes(MediaType.ALL)
    @Secured(IngestTokenAuthenticationFetcher.ROLE)
    public MutableHttpResponse<?> writeV1(HttpRequest<?> request, @Nullable @Body byte[] body,
                                          @Nullable @QueryValue String db, @Nullable @QueryValue String precision,
                                          Authentication authentication) {
        Precision unit = Precision.parse(precision, false).orElse(null);
        if (unit == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid precision '" + precision + "': use n, ns, u, us, ms, s, m or h");
        }
        if (db == null || db.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "database is required");
        }
        return write(request, body, db, unit, authentication);
    }

    @Post("/api/v2/write")
    @Consumes(MediaType.ALL)
    @Secured(IngestTokenAuthenticationFetcher.ROLE)
    public MutableHttpResponse<?> writeV2(HttpRequest<?> request, @Nullable @Body byte[] body,
                                          @Nullable @QueryValue String bucket, @Nullable @QueryValue String precision,
                                          Authentication authentication) {
        Precision unit = Precision.parse(precision, true).orElse(null);
        if (unit == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid precision '" + precision + "': use ns, us, ms or s");
        }
        if (bucket == null || bucket.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "bucket is required");
        }
        return write(request, body, bucket, unit, authentication);
    }

    /**
     * k6 sends {@code CREATE DATABASE "k6"} before its first write. Every statement is answered with an
     * empty success, as InfluxDB does for a CREATE of an existing database; nothing is ever read back.
     */
    @Post("/query")
    @Consumes(MediaType.ALL)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<QueryResults> query(@Nullable @QueryValue String q) {
        return answerQuery(q);
    }

    /** InfluxDB 1 clients also GET /query (SHOW DATABASES at connect): the same empty answers. */
    @Get("/query")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<QueryResults> queryByGet(@Nullable @QueryValue String q) {
        return answerQuery(q);
    }

    private static MutableHttpResponse<QueryResults> answerQuery(String q) {
        int statements = 1;
        if (q != null) {
            statements = Math.max(1, (int) q.chars().filter(c -> c == ';').count() + (q.trim().endsWith(";") ? 0 : 1));
        }
        List<Map<String, Integer>> results = new ArrayList<>();
        for (int i = 0; i < Math.min(statements, 100); i++) {
            results.add(Map.of("statement_id", i));
        }
        return HttpResponse.ok(new QueryResults(results)).header(VERSION_HEADER, VERSION);
    }

    @Get("/ping")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<?> ping() {
        return HttpResponse.noContent().header(VERSION_HEADER, VERSION).header("X-Influxdb-Build", "OSS");
    }


    @Serdeable
    public record QueryResults(List<Map<String, Integer>> results) {
    }

    private MutableHttpResponse<?> write(HttpRequest<?> request, byte[] body, String database, Precision precision,
                                         Authentication authentication) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InfluxWrite write = new InfluxWrite(owner(authentication), database.length() > 100 ? database.substring(0, 100) : database,
                receivedAt, unmapped);
        long receivedNanos = receivedAt.getEpochSecond() * 1_000_000_000L + receivedAt.getNano();
        LineProtocolParser.Result result;
        // The inflated body counts against the shared budget until it is parsed.
        try (RequestBodies.Decoded lines = bodies.decode(body, request.getHeaders().get(HttpHeaders.CONTENT_ENCODING))) {
            result = new LineProtocolParser().parse(lines.bytes(), lines.length(), precision, receivedNanos, write);
        } catch (RequestBodies.TooLarge e) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (RequestBodies.Unreadable e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (RequestBodies.Busy e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()).header(HttpHeaders.RETRY_AFTER, "1");
        }
        RunEvent.InfluxSamples event = write.toEvent();
        if (event != null) {
            settle(journal.submit(event));
            if (event.runs().stream().anyMatch(run -> run.starts() > 0 || run.ends() > 0)) {
                awaitWrite();
            }
        }
        if (!result.ok()) {
            // As InfluxDB: the valid lines of the batch are kept, the first bad one is reported.
            return error(HttpStatus.BAD_REQUEST, result.errorMessage());
        }
        return HttpResponse.noContent().header(VERSION_HEADER, VERSION);
    }

    private static void settle(Future<?> pending) {
        try {
            pending.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalFullException full) {
                throw full;
            }
            throw new IllegalStateException("journal failure", e.getCause());
        } catch (TimeoutException e) {
            throw new JournalFullException(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JMeter start or end is visible through the API at once, as a register or commit is. */
    private void awaitWrite() {
        try {
            writer.writeSoon().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // stays pending; the next tick writes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MutableHttpResponse<ErrorBody> error(HttpStatus status, String message) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(status.getCode(), message)).header(VERSION_HEADER, VERSION);
    }

    private static long owner(Authentication authentication) {
        Object uid = authentication.getAttributes().get(IngestTokenAuthenticationFetcher.USER_ID);
        if (uid instanceof Number number) {
            return number.longValue();
        }
        throw new io.micronaut.http.exceptions.HttpStatusException(HttpStatus.FORBIDDEN, "writing needs an ingest token, not a login");
    }

}
