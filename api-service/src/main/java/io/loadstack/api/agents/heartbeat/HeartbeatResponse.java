package io.loadstack.api.agents.heartbeat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A heartbeat's answer. The two times are the server's clock in UTC with milliseconds, always written with
 * three fraction digits: an agent estimates its clock's offset from them as NTP does, with its own send and
 * receive times ({@code offset = ((receivedAt - sent) + (serverTime - received)) / 2}), so the long-poll's
 * wait does not count against the estimate.
 *
 * @param commands   what the agent is to do; empty when the wait ran out
 * @param receivedAt when the server took the heartbeat
 * @param serverTime when the server answered
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record HeartbeatResponse(List<AgentCommand> commands, String receivedAt, String serverTime) {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static HeartbeatResponse of(List<AgentCommand> commands, Instant receivedAt) {
        return new HeartbeatResponse(commands, MILLIS.format(receivedAt), MILLIS.format(Instant.now()));
    }
}
