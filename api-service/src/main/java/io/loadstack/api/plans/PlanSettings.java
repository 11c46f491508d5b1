package io.loadstack.api.plans;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * Limits on uploaded test plans ({@code loadstack.plans.*}); anything above them is refused with 413. The
 * server's own {@code micronaut.server.max-request-size} and {@code micronaut.server.multipart.max-file-size}
 * (application.yml) sit just above {@link #maxTotalSize} and {@link #maxDataFileSize} so that these checks,
 * with their clearer messages, are the ones a client meets.
 *
 * @param maxMainFileSize the .jmx or locustfile
 * @param maxDataFileSize each data file (CSV and the like)
 * @param maxTotalSize    all files of one version together
 * @param maxFiles        files in one version, the main file included
 */
@ConfigurationProperties("loadstack.plans")
public record PlanSettings(@Bindable(defaultValue = "5MB") @ReadableBytes long maxMainFileSize,
                           @Bindable(defaultValue = "50MB") @ReadableBytes long maxDataFileSize,
                           @Bindable(defaultValue = "100MB") @ReadableBytes long maxTotalSize,
                           @Bindable(defaultValue = "20") int maxFiles) {
}
