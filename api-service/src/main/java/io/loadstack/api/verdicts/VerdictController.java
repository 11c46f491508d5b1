package io.loadstack.api.verdicts;

import io.loadstack.api.runs.BadRunQueryException;
import io.loadstack.api.runs.NoSuchRunException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A run's verdict, for people and for CI: {@code ?wait=SECONDS} holds the answer until the run ends or that
 * many seconds passed (at most {@value #MAX_WAIT}), whichever comes first; the answer then says what it is
 * (a verdict of a run still running is PENDING, or FAILED if a threshold broke already).
 */
@Controller("/api/runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class VerdictController {

    static final long MAX_WAIT = 300;
    static final Duration RECHECK = Duration.ofMillis(500);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Logger LOG = LoggerFactory.getLogger(VerdictController.class);

    private final Verdicts verdicts;
    private final JunitReport junit;
    private final TaskScheduler scheduler;
    private final ExecutorService blocking;

    VerdictController(Verdicts verdicts, JunitReport junit, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verdicts = verdicts;
        this.junit = junit;
        this.scheduler = scheduler;
        this.blocking = blocking;
    }

    @Get("/{uuid}/verdict")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<VerdictViews.Verdict> verdict(@PathVariable String uuid,
                                                           @Nullable @QueryValue @Min(0) @Max(MAX_WAIT) Integer wait) {
        return whenEnded(checked(uuid), wait, Function.identity());
    }

    @Get(value = "/{uuid}/junit.xml", produces = MediaType.APPLICATION_XML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<String>> junit(@PathVariable String uuid,
                                                         @Nullable @QueryValue @Min(0) @Max(MAX_WAIT) Integer wait) {
        String run = checked(uuid);
        return whenEnded(run, wait, verdict -> HttpResponse.ok(junit.of(verdict))
                .contentType(new MediaType("application/xml; charset=utf-8"))
                .header("Content-Disposition", "inline; filename=\"loadstack-" + run + ".xml\""));
    }

    /**
     * The verdict once the run is over or the wait is up. The wait holds neither a thread nor a connection:
     * timers on the shared scheduler each hand one short status read to a blocking thread, as the agents'
     * heartbeat does, so that a CI fleet waiting on its runs cannot starve the users' requests.
     */
    private <T> CompletableFuture<T> whenEnded(String uuid, Integer wait, Function<VerdictViews.Verdict, T> answer) {
        if (wait == null || wait == 0 || verdicts.isOver(uuid)) {
            return CompletableFuture.completedFuture(answer.apply(verdicts.of(uuid)));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        recheckLater(uuid, Instant.now().plusSeconds(wait), answer, result);
        return result;
    }

    private <T> void recheckLater(String uuid, Instant until, Function<VerdictViews.Verdict, T> answer,
                                  CompletableFuture<T> result) {
        Duration left = Duration.between(Instant.now(), until);
        Duration next = left.isNegative() ? Duration.ZERO : left.compareTo(RECHECK) < 0 ? left : RECHECK;
        scheduler.schedule(next, () -> blocking.execute(() -> recheck(uuid, until, answer, result)));
    }

    private <T> void recheck(String uuid, Instant until, Function<VerdictViews.Verdict, T> answer, CompletableFuture<T> result) {
        try {
            if (verdicts.isOver(uuid) || !Instant.now().isBefore(until)) {
                result.complete(answer.apply(verdicts.of(uuid)));
            } else {
                recheckLater(uuid, until, answer, result);
            }
        } catch (NoSuchRunException e) {
            // deleted while waited on
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("waiting for the end of run {} failed", uuid, e);
            result.completeExceptionally(e);
        }
    }

    private static String checked(String uuid) {
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw new BadRunQueryException("not a run uuid: '" + (uuid == null ? "" : uuid.length() > 60 ? uuid.substring(0, 60) + "…" : uuid) + "'");
        }
        return uuid.toLowerCase(Locale.ROOT);
    }
}
