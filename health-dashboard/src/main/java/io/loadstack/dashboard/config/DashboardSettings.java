package io.loadstack.dashboard.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Everything the dashboard is told through {@code LOADSTACK_DASHBOARD_*}, {@code LOADSTACK_ALERT_WEBHOOK} and
 * {@code LOADSTACK_MONIT_*} (mapped in application.yml).
 *
 * @param targets         {@code name=url,name=url}: the services to poll at {@code <url>/api/healthcheck}
 * @param pollInterval    pause between two polls of all targets
 * @param timeout         how long one target may take to answer before it counts as DOWN
 * @param retention       how long samples and events are kept
 * @param cleanupInterval how often rows older than the retention are deleted
 * @param alertWebhook    Slack-compatible URL that receives {@code {"text": ...}} on each change; empty: none
 * @param monit           {@code auto} (Monit at the target's host, port {@code monitPort}), {@code off}, or
 *                        {@code name=url,...} for targets whose Monit lives elsewhere
 */
@ConfigurationProperties("loadstack.dashboard")
public record DashboardSettings(@Nullable String targets,
                                Duration pollInterval,
                                Duration timeout,
                                Duration retention,
                                Duration cleanupInterval,
                                @Nullable String alertWebhook,
                                @Nullable String monit,
                                int monitPort,
                                @Nullable String monitUsername,
                                @Nullable String monitPassword) {

    public boolean hasWebhook() {
        return alertWebhook != null && !alertWebhook.isBlank();
    }
}
