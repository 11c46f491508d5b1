package io.loadstack.dashboard.live;

import io.loadstack.dashboard.events.ServiceView;
import io.loadstack.dashboard.history.HealthEvent;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What the page receives over the websocket after each poll: every card, and the events of that poll. */
@Serdeable
public record LiveMessage(String type, List<ServiceView> services, List<HealthEvent> events) {
}
