package io.loadstack.provisioner;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Locale;

/**
 * The provisioner's settings: {@code LOADSTACK_PROVISIONER_*} (README, "Settings"). The agent-facing ones
 * (URL, token, CA file, JMeter heap, JAVA_OPTS) are handed to every agent it starts only when set.
 *
 * @param name          how its claims are signed in provision_requests.claimed_by (default: the instance name)
 * @param scope         label io.loadstack.scope of what it makes; its sweep and events see no other scope
 *                      (default: its compose project, else "loadstack"; docker/Scope)
 * @param lease         how long a claim holds without renewal
 * @param tick          how often it claims, tears down ended launches and reads Swarm's tasks
 * @param sweepInterval how often it removes what is labelled for an ended or unknown launch
 * @param agentCommand  replaces the image's command (a stand-in image in tests); empty: the image's own
 * @param agentHealthcheck the agents' healthcheck command (CMD form, split at spaces); empty: none
 * @param network       Docker networks for agent containers (comma-separated); empty: the provisioner's own
 * @param volumes       {@code volume:/path} pairs (comma-separated) mounted read-only in agent containers;
 *                      empty: the provisioner's own agent-credentials and nginx-tls volumes
 * @param swarmNetwork  the network (overlay) of Swarm agent services; empty: none
 * @param swarmSecrets  {@code secretName:/path} pairs (comma-separated): Swarm secrets given to Swarm agent
 *                      services as files (the agents' token, nginx's certificate); empty: none
 */
@ConfigurationProperties("loadstack.provisioner")
public record ProvisionerSettings(
        @Nullable String name,
        @Nullable String scope,
        @Bindable(defaultValue = "30s") Duration lease,
        @Bindable(defaultValue = "2s") Duration tick,
        @Bindable(defaultValue = "60s") Duration sweepInterval,
        @Bindable(defaultValue = "unix:///var/run/docker.sock") String dockerHost,
        @Bindable(defaultValue = "1.41") String dockerApiVersion,
        @Bindable(defaultValue = "loadstack/load-agent:latest") String agentImage,
        @Bindable(defaultValue = "1g") String agentMemory,
        @Nullable String agentCommand,
        @Bindable(defaultValue = "/usr/local/lib/loadstack/load-agent-ctl status") String agentHealthcheck,
        @Nullable String network,
        @Nullable String volumes,
        @Nullable String swarmNetwork,
        @Nullable String swarmSecrets,
        @Nullable String agentUrl,
        @Nullable String agentToken,
        @Nullable String agentCaFile,
        @Nullable String jmeterHeap,
        @Nullable String agentJavaOpts) {

    /** {@code 512m}, {@code 1g}, {@code 1073741824}: the agents' memory limit in bytes. */
    public long agentMemoryBytes() {
        String value = agentMemory.trim().toLowerCase(Locale.ROOT);
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = unit == 1 ? value : value.substring(0, value.length() - 1);
        try {
            long bytes = Long.parseLong(digits.trim()) * unit;
            if (bytes < 6L * 1024 * 1024) {
                throw new IllegalArgumentException("LOADSTACK_PROVISIONER_AGENT_MEMORY=" + agentMemory
                        + ": Docker needs at least 6m");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LOADSTACK_PROVISIONER_AGENT_MEMORY=" + agentMemory
                    + " is not a size such as 512m or 1g", e);
        }
    }

    public static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
