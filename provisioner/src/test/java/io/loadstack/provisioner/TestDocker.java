package io.loadstack.provisioner;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.net.URI;

/** The test's own view of the Docker engine (the provisioner's client closes with it). */
public final class TestDocker {

    private static final String HOST = "unix:///var/run/docker.sock";

    private TestDocker() {
    }

    public static DockerClient client() {
        return DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).withApiVersion("1.41").build(),
                new ApacheDockerHttpClient.Builder().dockerHost(URI.create(HOST)).build());
    }
}
