package io.loadstack.api.agents.registry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own rules, without HTTP or a database. */
class AgentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final AgentReport HOLDER = new AgentReport("eu-1", "instance-a", "eu", "1.0");
    private static final AgentReport OTHER = new AgentReport("eu-1", "instance-b", "eu", "1.0");

    private final Agent agent = Agent.firstHeartbeat(HOLDER, 7, T0);

    @Test
    void anAgentIsIdleWithinTheTimeoutAndOfflineBeyondIt() {
        assertEquals(AgentStatus.IDLE, agent.status(false, T0.plus(TIMEOUT), TIMEOUT));
        assertEquals(AgentStatus.OFFLINE, agent.status(false, T0.plus(TIMEOUT).plusMillis(1), TIMEOUT));
    }

    @Test
    void anOnlineAgentHoldingAShareIsBusyAndOfflineBeyondTheTimeoutAllTheSame() {
        assertEquals(AgentStatus.BUSY, agent.status(true, T0.plus(TIMEOUT), TIMEOUT));
        assertEquals(AgentStatus.OFFLINE, agent.status(true, T0.plus(TIMEOUT).plusMillis(1), TIMEOUT));
    }

    @Test
    void anotherInstanceCannotTakeTheNameWhileItsHolderIsOnline() {
        assertTrue(agent.heldByAnotherInstance(OTHER, T0.plusSeconds(14), TIMEOUT));
        assertFalse(agent.heldByAnotherInstance(HOLDER, T0.plusSeconds(14), TIMEOUT), "the holder itself");
        assertFalse(agent.heldByAnotherInstance(OTHER, T0.plusSeconds(16), TIMEOUT), "the holder fell silent");
    }

    @Test
    void aHeartbeatKeepsTheTimeOnlineUnlessTheAgentWasSilentOrReplaced() {
        Agent continuing = agent.heartbeat(HOLDER, 7, T0.plusSeconds(10), TIMEOUT);
        assertEquals(T0, continuing.onlineSince());
        assertEquals(T0.plusSeconds(10), continuing.lastSeenAt());

        Agent back = agent.heartbeat(HOLDER, 7, T0.plusSeconds(60), TIMEOUT);
        assertEquals(T0.plusSeconds(60), back.onlineSince(), "back after a silence");

        Agent replaced = agent.heartbeat(OTHER, 8, T0.plusSeconds(60), TIMEOUT);
        assertEquals("instance-b", replaced.instanceId());
        assertEquals(8, replaced.tokenId());
        assertEquals(T0.plusSeconds(60), replaced.onlineSince());
    }
}
