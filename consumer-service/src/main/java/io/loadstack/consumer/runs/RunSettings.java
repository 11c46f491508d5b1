package io.loadstack.consumer.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How runs are recorded: the writer's period ({@code LOADSTACK_FLUSH_INTERVAL}), the silence after which a
 * RUNNING run is ABANDONED ({@code LOADSTACK_RUN_TIMEOUT}), and how much of a finished run is remembered:
 * for {@code keepFinished} at most, and never more than {@code keepFinishedRuns} of them (older ones are
 * answered from MySQL), so that memory stays flat however many runs finish.
 */
@ConfigurationProperties("loadstack")
public record RunSettings(@Bindable(defaultValue = "15s") Duration flushInterval,
                          @Bindable(defaultValue = "10m") Duration runTimeout,
                          @Bindable(defaultValue = "10m") Duration keepFinished,
                          @Bindable(defaultValue = "1000") int keepFinishedRuns) {
}
