package io.loadstack.provisioner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The provisioner's own container on the engine it drives, found by its HOSTNAME (the container's id when no
 * hostname is set, as in compose); empty when it runs elsewhere. Asked once: the answer does not change.
 */
@Singleton
public class OwnContainer {

    private final DockerClient docker;
    private volatile Optional<InspectContainerResponse> found;

    public OwnContainer(DockerClient docker) {
        this.docker = docker;
    }

    /** @throws RuntimeException when the engine cannot be asked (asked again next time) */
    public Optional<InspectContainerResponse> get() {
        Optional<InspectContainerResponse> known = found;
        if (known != null) {
            return known;
        }
        String hostname = System.getenv("HOSTNAME");
        Optional<InspectContainerResponse> answer;
        if (hostname == null || hostname.isBlank()) {
            answer = Optional.empty();
        } else {
            try {
                answer = Optional.of(docker.inspectContainerCmd(hostname).exec());
            } catch (NotFoundException e) {
                answer = Optional.empty();
            }
        }
        found = answer;
        return answer;
    }
}
