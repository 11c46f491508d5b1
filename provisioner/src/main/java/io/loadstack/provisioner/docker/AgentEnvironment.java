package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.model.HealthCheck;
import io.loadstack.provisioner.ProvisionerSettings;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The environment, command and healthcheck every agent gets, containers and Swarm services alike. */
@Singleton
public class AgentEnvironment {

    private final ProvisionerSettings settings;

    public AgentEnvironment(ProvisionerSettings settings) {
        this.settings = settings;
    }

    /** {@code agentName} may be a Swarm template (…-{{.Task.Slot}}). */
    public List<String> variables(String agentName, String region) {
        List<String> env = new ArrayList<>();
        env.add("LOADSTACK_AGENT_NAME=" + agentName);
        env.add("LOADSTACK_AGENT_REGION=" + region);
        addIfSet(env, "LOADSTACK_URL", settings.agentUrl());
        addIfSet(env, "LOADSTACK_AGENT_TOKEN", settings.agentToken());
        addIfSet(env, "LOADSTACK_AGENT_CA_FILE", settings.agentCaFile());
        addIfSet(env, "LOADSTACK_JMETER_HEAP", settings.jmeterHeap());
        addIfSet(env, "JAVA_OPTS", settings.agentJavaOpts());
        return env;
    }

    /** Empty: the image's own command. */
    public List<String> command() {
        return words(settings.agentCommand());
    }

    /** Empty: no healthcheck of ours (the image's, if it has one). */
    public Optional<HealthCheck> healthcheck() {
        List<String> command = words(settings.agentHealthcheck());
        if (command.isEmpty()) {
            return Optional.empty();
        }
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(command);
        return Optional.of(new HealthCheck()
                .withTest(test)
                .withInterval(TimeUnit.SECONDS.toNanos(5))
                .withTimeout(TimeUnit.SECONDS.toNanos(4))
                .withRetries(3)
                .withStartPeriod(TimeUnit.SECONDS.toNanos(30)));
    }

    public boolean hasHealthcheck() {
        return healthcheck().isPresent();
    }

    private static List<String> words(String value) {
        if (!ProvisionerSettings.isSet(value)) {
            return List.of();
        }
        return Arrays.stream(value.trim().split("\\s+")).toList();
    }

    private static void addIfSet(List<String> env, String name, String value) {
        if (ProvisionerSettings.isSet(value)) {
            env.add(name + "=" + value);
        }
    }
}
