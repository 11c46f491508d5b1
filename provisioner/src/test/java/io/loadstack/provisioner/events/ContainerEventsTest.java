package io.loadstack.provisioner.events;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import com.github.dockerjava.api.model.EventType;
import io.loadstack.provisioner.agents.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerEventsTest {

    private static Event event(String action, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>(Map.of(
                "io.loadstack.launch", "42", "io.loadstack.agent", "l42-eu-1", "io.loadstack.region", "eu",
                "name", "loadstack-agent-l42-eu-1"));
        attributes.putAll(extra);
        return new Event(action, "c0ffee", "debian:bookworm-slim", 1L)
                .withType(EventType.CONTAINER)
                .withAction(action)
                .withEventActor(new EventActor().withId("c0ffee").withAttributes(attributes));
    }

    @ParameterizedTest
    @CsvSource({
            "create, true, CREATED",
            "start, true, STARTING",
            "start, false, RUNNING",
            "restart, false, RUNNING",
            "health_status: healthy, true, HEALTHY",
            "health_status: unhealthy, true, UNHEALTHY",
            "destroy, true, REMOVED",
    })
    void anActionBecomesTheAgentsState(String action, boolean healthChecked, AgentState expected) {
        ContainerEvents.Change change = ContainerEvents.changeOf(event(action, Map.of()), healthChecked).orElseThrow();
        assertEquals(expected, change.state());
        assertEquals(42L, change.launchId());
        assertEquals("l42-eu-1", change.agentName());
        assertEquals("c0ffee", change.containerId());
    }

    @Test
    void aDeathCarriesItsExitCode() {
        ContainerEvents.Change change = ContainerEvents.changeOf(event("die", Map.of("exitCode", "137")), true).orElseThrow();
        assertEquals(AgentState.EXITED, change.state());
        assertEquals("exit code 137", change.detail());
    }

    @ParameterizedTest
    @CsvSource({"exec_create: /usr/local/lib/loadstack/load-agent-ctl status", "exec_die", "attach", "resize", "kill"})
    void actionsThatSayNothingOfTheStateAreIgnored(String action) {
        assertEquals(Optional.empty(), ContainerEvents.changeOf(event(action, Map.of()), true));
    }

    @Test
    void aContainerWithoutAnAgentLabelIsIgnored() {
        Event swarmTask = event("start", Map.of());
        swarmTask.getActor().getAttributes().remove("io.loadstack.agent");
        assertEquals(Optional.empty(), ContainerEvents.changeOf(swarmTask, true));
        Event notALaunch = event("start", Map.of("io.loadstack.launch", "forty-two"));
        assertEquals(Optional.empty(), ContainerEvents.changeOf(notALaunch, true));
    }

    @ParameterizedTest
    @CsvSource({
            "created, Created, true, CREATED",
            "running, Up 3 seconds (health: starting), true, STARTING",
            "running, Up 40 seconds (healthy), true, HEALTHY",
            "running, Up 2 minutes (unhealthy), true, UNHEALTHY",
            "running, Up 3 seconds, false, RUNNING",
            "exited, Exited (0) 5 seconds ago, true, EXITED",
            "dead, Dead, true, EXITED",
    })
    void aListedContainerHasTheStateItsEventsWouldHaveGiven(String state, String status, boolean healthChecked,
                                                            AgentState expected) {
        assertEquals(expected, ContainerEvents.stateOf(state, status, healthChecked));
    }
}
