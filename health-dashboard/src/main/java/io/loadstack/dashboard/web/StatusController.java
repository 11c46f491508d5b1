package io.loadstack.dashboard.web;

import io.loadstack.dashboard.events.ServiceView;
import io.loadstack.dashboard.events.StatusBoard;
import io.loadstack.dashboard.history.EventRepository;
import io.loadstack.dashboard.history.HealthEvent;
import io.loadstack.dashboard.history.HealthSample;
import io.loadstack.dashboard.history.SampleRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the page loads once before the websocket takes over: the cards, their chart history, the timeline. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {

    private final StatusBoard board;
    private final SampleRepository samples;
    private final EventRepository events;

    public StatusController(StatusBoard board, SampleRepository samples, EventRepository events) {
        this.board = board;
        this.samples = samples;
        this.events = events;
    }

    @Get("/services")
    public List<ServiceView> services() {
        return board.views();
    }

    /** Column arrays per target, the shape uPlot draws directly: times in epoch seconds. */
    @Get("/history")
    public Map<String, Series> history(@Nullable @QueryValue @Min(1) @Max(1440) Integer minutes) {
        int window = minutes == null ? 30 : minutes;
        Instant since = Instant.now().minusSeconds(window * 60L);
        Map<String, Series> series = new LinkedHashMap<>();
        for (HealthSample s : samples.findBySampledAtGreaterThanEqualsOrderBySampledAt(since)) {
            Series target = series.computeIfAbsent(s.target(), t -> new Series(new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
            target.t().add(s.sampledAt().toEpochMilli() / 1000.0);
            target.up().add("UP".equals(s.status()) ? 1 : 0);
            target.cpu().add(s.cpuProcess());
            target.rss().add(s.memRss());
        }
        return series;
    }

    @Get("/events")
    public List<HealthEvent> events(@Nullable @QueryValue @Min(1) @Max(1000) Integer limit) {
        return events.newest(limit == null ? 100 : limit);
    }

    /** Columns for the charts; cpu and rss hold null where a sample had none (a service that was down). */
    @Serdeable
    public record Series(List<Double> t, List<Integer> up,
                         @ArraySchema(schema = @Schema(nullable = true)) List<Double> cpu,
                         @ArraySchema(schema = @Schema(nullable = true)) List<Long> rss) {
    }
}
