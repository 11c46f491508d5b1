package io.loadstack.api.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long the audit log keeps its rows ({@code LOADSTACK_AUDIT_RETENTION}, e.g. {@code 400d} or {@code 90d}).
 *
 * @param auditRetention rows older than this are deleted, hourly
 */
@ConfigurationProperties("loadstack")
public record AuditSettings(@Bindable(defaultValue = "400d") Duration auditRetention) {

    public AuditSettings {
        if (auditRetention.isNegative() || auditRetention.toHours() < 1) {
            throw new ConfigurationException("LOADSTACK_AUDIT_RETENTION (loadstack.audit-retention) must be at least"
                    + " an hour, e.g. 400d; it is " + auditRetention);
        }
    }
}
