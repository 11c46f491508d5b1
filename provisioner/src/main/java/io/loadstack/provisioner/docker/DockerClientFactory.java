package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.loadstack.provisioner.ProvisionerSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;

/**
 * The Engine API client (docker-java over the unix socket). The API version is pinned
 * (LOADSTACK_PROVISIONER_DOCKER_API_VERSION, 1.41 = Docker 20.10) rather than negotiated: every call the
 * provisioner makes exists in 1.41, and newer engines still serve it.
 */
@Factory
public class DockerClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DockerClient dockerClient(ProvisionerSettings settings) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost())
                .withApiVersion(settings.dockerApiVersion())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(settings.dockerHost()))
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                // The event stream is a response that never ends: no response timeout.
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
