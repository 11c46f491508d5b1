package io.loadstack.api.launches;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How launches run ({@code LOADSTACK_LAUNCHES_*}); api-service/README.md, "Launches", explains each.
 *
 * @param readinessTimeout how long the agents have to report READY
 * @param quorum           the fraction of the agents asked for that must be READY at the timeout to start without the rest
 * @param startBuffer      how far ahead of "everyone is ready" the common start is set
 * @param minHealthy       the fraction of the started agents that must stay healthy for the launch to go on
 * @param stopGrace        how long an agent lets its generator stop by itself before killing it
 * @param commitTimeout    how long the run's commit call to the consumer-service may take
 * @param provisionedReadinessTimeout the readiness timeout of a launch whose agents are started for it: their
 *                         containers must be made and their JVMs started first
 * @param provisionClaimTimeout how long a provisioned launch waits for a provisioner to take its request
 */
@ConfigurationProperties("loadstack.launches")
public record LaunchSettings(@Bindable(defaultValue = "60s") Duration readinessTimeout,
                             @Bindable(defaultValue = "1.0") double quorum,
                             @Bindable(defaultValue = "2s") Duration startBuffer,
                             @Bindable(defaultValue = "0.5") double minHealthy,
                             @Bindable(defaultValue = "10s") Duration stopGrace,
                             @Bindable(defaultValue = "10s") Duration commitTimeout,
                             @Bindable(defaultValue = "120s") Duration provisionedReadinessTimeout,
                             @Bindable(defaultValue = "30s") Duration provisionClaimTimeout) {

    LaunchPolicy policy() {
        return new LaunchPolicy(readinessTimeout, quorum, startBuffer, minHealthy);
    }

    LaunchPolicy provisionedPolicy() {
        return new LaunchPolicy(provisionedReadinessTimeout, quorum, startBuffer, minHealthy);
    }
}
