package io.loadstack.api.verdicts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/**
 * Tests, the runs of one name: their settings and history. Every signed-in user reads and sets them (a team
 * tool, as the runs are). The name travels URL-encoded: {@code /api/tests/checkout%20nightly}.
 */
@Controller("/api/tests")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TestController {

    static final int MAX_LIST = 1000;
    static final int MAX_HISTORY = 500;

    private final Tests tests;

    TestController(Tests tests) {
        this.tests = tests;
    }

    @Get
    public List<TestViews.Summary> list(@Nullable @QueryValue @Min(1) @Max(MAX_LIST) Integer limit) {
        return tests.list(limit == null ? 200 : limit);
    }

    @Get("/{name}")
    public TestViews.Test find(@PathVariable String name) {
        return tests.find(name);
    }

    @Put("/{name}")
    public TestViews.Test save(@PathVariable String name, @Valid @Body TestBody body, Authentication authentication) {
        return tests.save(name, body, authentication.getName());
    }

    @Get("/{name}/runs")
    public List<TestViews.HistoryRun> history(@PathVariable String name,
                                              @Nullable @QueryValue @Min(1) @Max(MAX_HISTORY) Integer limit) {
        return tests.history(name, limit == null ? 50 : limit);
    }
}
