package io.loadstack.provisioner;

import io.loadstack.provisioner.docker.VolumeMount;
import io.loadstack.provisioner.swarm.SwarmSecret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionerSettingsTest {

    private static ProvisionerSettings withMemory(String memory) {
        return new ProvisionerSettings(null, "loadstack", Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(60), "unix:///var/run/docker.sock", "1.41", "loadstack/load-agent:latest", memory,
                null, "", null, null, null, null, null, null, null, null, null);
    }

    @Test
    void memoryIsReadInDockersUnits() {
        assertEquals(1024L * 1024 * 1024, withMemory("1g").agentMemoryBytes());
        assertEquals(512L * 1024 * 1024, withMemory("512M").agentMemoryBytes());
        assertEquals(67108864L, withMemory("67108864").agentMemoryBytes());
    }

    @Test
    void aMemoryThatIsNoSizeOrTooSmallIsRefusedWithTheSettingsName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> withMemory("lots").agentMemoryBytes())
                .getMessage().contains("LOADSTACK_PROVISIONER_AGENT_MEMORY"));
        assertThrows(IllegalArgumentException.class, () -> withMemory("1m").agentMemoryBytes());
    }

    @Test
    void volumesAreNamePathPairs() {
        assertEquals(List.of(new VolumeMount("stack_agent-credentials", "/etc/loadstack/agent-credentials"),
                        new VolumeMount("stack_nginx-tls", "/etc/loadstack/nginx-tls")),
                VolumeMount.parseList("stack_agent-credentials:/etc/loadstack/agent-credentials, stack_nginx-tls:/etc/loadstack/nginx-tls:ro"));
        assertThrows(IllegalArgumentException.class, () -> VolumeMount.parseList("just-a-name"));
    }

    @Test
    void swarmSecretsAreNameAbsoluteFilePairs() {
        assertEquals(List.of(new SwarmSecret("stack_agent_token", "/etc/loadstack/agent-credentials/agent_token"),
                        new SwarmSecret("stack_tls_cert", "/etc/loadstack/nginx-tls/cert.pem")),
                SwarmSecret.parseList("stack_agent_token:/etc/loadstack/agent-credentials/agent_token,"
                        + " stack_tls_cert:/etc/loadstack/nginx-tls/cert.pem,"));
        for (String wrong : List.of("just-a-name", "name:relative/file", "name:/a/folder/", ":/etc/file",
                "na:me:/etc/file", "name:/etc/file:ro")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> SwarmSecret.parseList(wrong), wrong)
                    .getMessage().contains("LOADSTACK_PROVISIONER_SWARM_SECRETS"), wrong);
        }
    }
}
