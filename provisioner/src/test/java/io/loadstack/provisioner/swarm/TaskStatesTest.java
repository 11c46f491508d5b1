package io.loadstack.provisioner.swarm;

import com.github.dockerjava.api.model.TaskState;
import io.loadstack.provisioner.agents.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskStatesTest {

    @Test
    void anUnplaceableTaskIsPendingWithSwarmsWords() {
        TaskStates.Observed observed = TaskStates.of(TaskState.PENDING,
                "no suitable node (scheduling constraints not satisfied on 1 node)", "pending task scheduling");
        assertEquals(AgentState.PENDING, observed.state());
        assertEquals("no suitable node (scheduling constraints not satisfied on 1 node)", observed.detail());
    }

    @Test
    void withoutAnErrorTheMessageIsTheDetail() {
        assertEquals("pending task scheduling", TaskStates.of(TaskState.PENDING, "", "pending task scheduling").detail());
    }

    @ParameterizedTest
    @CsvSource({
            "NEW, PENDING", "ASSIGNED, PENDING", "PREPARING, STARTING", "STARTING, STARTING", "RUNNING, RUNNING",
            "COMPLETE, EXITED", "SHUTDOWN, EXITED", "FAILED, FAILED", "REJECTED, FAILED", "ORPHANED, REMOVED",
    })
    void everyTaskStateIsAnAgentState(TaskState task, AgentState agent) {
        assertEquals(agent, TaskStates.of(task, null, null).state());
    }
}
