package io.loadstack.api.launches;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/agent/launches/{launchId}/report} (docs/launches.md, "Report"). Times are server time.
 * Log lines longer than {@value #MAX_LINE} characters and messages longer than {@value #MAX_MESSAGE} are cut,
 * and control characters replaced, not refused: they are the generator's own words.
 */
@Serdeable
public record LaunchReport(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be the agent's name") String name,
                           @NotNull @Pattern(regexp = "PREPARING|READY|RUNNING|FINISHED|FAILED",
                                   message = "must be one of PREPARING, READY, RUNNING, FINISHED, FAILED") String status,
                           @Nullable String message,
                           @Nullable Instant firstRequestAt,
                           @Nullable @PositiveOrZero Long requests,
                           @Nullable @PositiveOrZero Long failures,
                           @Nullable @Size(max = MAX_LINES) List<@NotNull String> log) {

    static final int MAX_LINES = 50;
    static final int MAX_LINE = 500;
    static final int MAX_MESSAGE = 2000;

    AgentStatus agentStatus() {
        return AgentStatus.valueOf(status);
    }

    @Nullable
    String cutMessage() {
        return message == null ? null : UnicodeText.clean(UnicodeText.cut(message, MAX_MESSAGE));
    }

    List<String> cutLog() {
        return log == null ? List.of() : log.stream().map(line -> UnicodeText.clean(UnicodeText.cut(line, MAX_LINE))).toList();
    }

    long requestCount() {
        return requests == null ? 0 : requests;
    }

    long failureCount() {
        return failures == null ? 0 : failures;
    }
}
