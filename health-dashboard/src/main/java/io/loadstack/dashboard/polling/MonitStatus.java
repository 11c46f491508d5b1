package io.loadstack.dashboard.polling;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Monit's view of the supervised process in one container.
 *
 * @param state "running", "failed", "not monitored", "initializing", "not running" or "unreachable"
 * @param pid   the process id Monit watches; a new pid means Monit restarted the process
 */
@Serdeable
public record MonitStatus(String state, @Nullable String process, @Nullable Integer pid) {

    public static MonitStatus unreachable() {
        return new MonitStatus("unreachable", null, null);
    }
}
