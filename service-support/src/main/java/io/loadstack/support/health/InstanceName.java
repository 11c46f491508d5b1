package io.loadstack.support.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which replica this is: {@code LOADSTACK_INSTANCE} if set, else the host name (the container name in
 * compose, e.g. appserver1) — how an operator tells two copies of one service apart.
 */
@Singleton
public class InstanceName {

    private final String value;

    public InstanceName(@Nullable @Value("${loadstack.instance:}") String configured) {
        this.value = configured != null && !configured.isBlank() ? configured : hostName();
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
