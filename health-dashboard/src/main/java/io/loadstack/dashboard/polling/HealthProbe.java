package io.loadstack.dashboard.polling;

import io.loadstack.dashboard.config.DashboardSettings;
import io.loadstack.dashboard.config.Target;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks one target's {@code /api/healthcheck}. Asynchronous on purpose: all targets are asked at once and each
 * has its own timeout, so a hung service costs the others nothing.
 */
@Singleton
public class HealthProbe {

    private final HttpClient client;
    private final Duration timeout;
    private final JsonMapper json;

    public HealthProbe(DashboardSettings settings, JsonMapper json) {
        this.timeout = settings.timeout();
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public CompletableFuture<Observation> probe(Target target) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(target.healthcheckUrl())
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    int latency = (int) ((System.nanoTime() - started) / 1_000_000);
                    if (failure != null) {
                        return Observation.down(target.name(), at, describe(failure), null);
                    }
                    return read(target, at, latency, response);
                });
    }

    private Observation read(Target target, Instant at, int latency, HttpResponse<byte[]> response) {
        Report report;
        try {
            report = json.readValue(response.body(), Argument.of(Report.class));
        } catch (IOException | RuntimeException e) {
            return Observation.down(target.name(), at, "HTTP " + response.statusCode() + ", not a healthcheck answer", latency);
        }
        boolean up = response.statusCode() == 200 && "UP".equalsIgnoreCase(report.status());
        String detail = up ? null
                : response.statusCode() == 503 && "DOWN".equalsIgnoreCase(report.database()) ? "database unreachable (503)"
                : "HTTP " + response.statusCode() + ", status " + report.status();
        Report.Cpu cpu = report.cpu();
        Report.Memory memory = report.memory();
        return new Observation(target.name(), at, up, detail, report.service(), report.instance(),
                cpu == null ? null : cpu.process(), cpu == null ? null : cpu.system(),
                memory == null ? null : memory.used(), memory == null ? null : memory.max(),
                memory == null ? null : memory.rss(), report.uptime(), latency, null);
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The healthcheck's body as every service answers it (docs/architecture.md), read leniently: a field missing is unknown, not an error. */
    @Serdeable
    record Report(@Nullable String status, @Nullable String service, @Nullable String instance,
                  @Nullable Cpu cpu, @Nullable Memory memory, @Nullable Double uptime, @Nullable String database) {

        @Serdeable
        record Cpu(@Nullable Double process, @Nullable Double system) {
        }

        @Serdeable
        record Memory(@Nullable Long used, @Nullable Long max, @Nullable Long rss) {
        }
    }
}
