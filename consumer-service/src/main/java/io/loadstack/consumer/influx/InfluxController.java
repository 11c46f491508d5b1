package io.loadstack.consumer.influx;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.http.annotation.Status;
import io.loadstack.consumer.auth.IngestTokenAuthenticationFetcher;
import io.loadstack.consumer.ingest.Ingestion;
import io.loadstack.consumer.runs.RunEvent;
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
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    /** Database and bucket names as InfluxDB allows them; only the first 100 characters are kept. */
    static final int MAX_NAME = 255;
    /** k6 and JMeter send one short statement; nothing is ever run. */
    static final int MAX_QUERY = 2_000;

    private final Ingestion ingestion;
    private final UnmappedPoints unmapped;
    private final RequestBodies bodies;

    public InfluxController(Ingestion ingestion, UnmappedPoints unmapped, RequestBodies bodies) {
        this.ingestion = ingestion;
        this.unmapped = unmapped;
        this.bodies = bodies;
    }

    @Status(HttpStatus.NO_CONTENT)
    @SecurityRequirement(name = "ingestToken")
    @ApiResponse(responseCode = "204", description = "written (acknowledged: kept in the journal until stored)", content = @Content)
    @Post("/write")
    @Consumes(MediaType.ALL)
    @Secured(IngestTokenAuthenticationFetcher.ROLE)
    public MutableHttpResponse<?> writeV1(HttpRequest<?> request, @Nullable @Body byte[] body,
                                          @Nullable @Size(max = MAX_NAME) @QueryValue String db, @Nullable @QueryValue String precision,
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

    @Status(HttpStatus.NO_CONTENT)
    @SecurityRequirement(name = "ingestToken")
    @ApiResponse(responseCode = "204", description = "written (acknowledged: kept in the journal until stored)", content = @Content)
    @Post("/api/v2/write")
    @Consumes(MediaType.ALL)
    @Secured(IngestTokenAuthenticationFetcher.ROLE)
    public MutableHttpResponse<?> writeV2(HttpRequest<?> request, @Nullable @Body byte[] body,
                                          @Nullable @Size(max = MAX_NAME) @QueryValue String bucket, @Nullable @QueryValue String precision,
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
    public MutableHttpResponse<QueryResults> query(@Nullable @Size(max = MAX_QUERY) @QueryValue String q) {
        return answerQuery(q);
    }

    /** InfluxDB 1 clients also GET /query (SHOW DATABASES at connect): the same empty answers. */
    @Get("/query")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<QueryResults> queryByGet(@Nullable @Size(max = MAX_QUERY) @QueryValue String q) {
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

    @Status(HttpStatus.NO_CONTENT)
    @ApiResponse(responseCode = "204", description = "up; X-Influxdb-Version says which InfluxDB it answers as", content = @Content)
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
        InfluxWrite write = new InfluxWrite(ingestion.owner(authentication), database.length() > 100 ? database.substring(0, 100) : database,
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
            ingestion.submit(event);
            if (event.runs().stream().anyMatch(run -> run.starts() > 0 || run.ends() > 0)) {
                // A JMeter start or end is visible through the API at once, as a register or commit is.
                ingestion.awaitWrite();
            }
        }
        if (!result.ok()) {
            // As InfluxDB: the valid lines of the batch are kept, the first bad one is reported.
            return error(HttpStatus.BAD_REQUEST, result.errorMessage());
        }
        return HttpResponse.noContent().header(VERSION_HEADER, VERSION);
    }

    private static MutableHttpResponse<ErrorBody> error(HttpStatus status, String message) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(status.getCode(), message)).header(VERSION_HEADER, VERSION);
    }
}
