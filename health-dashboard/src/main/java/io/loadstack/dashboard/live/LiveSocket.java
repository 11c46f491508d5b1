package io.loadstack.dashboard.live;

import io.loadstack.dashboard.events.StatusBoard;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.WebSocketBroadcaster;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * {@code /ws/health}: the page's live feed. Browsers cannot set headers on a websocket, so the JWT comes as
 * {@code ?token=} (QueryTokenReader); the upgrade is refused without a valid one (application.yml).
 * Each new socket gets the current cards at once, then one message per poll.
 */
@ServerWebSocket("/ws/health")
public class LiveSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final StatusBoard board;
    private final WebSocketBroadcaster broadcaster;
    private final JsonMapper json;

    public LiveSocket(StatusBoard board, WebSocketBroadcaster broadcaster, JsonMapper json) {
        this.board = board;
        this.broadcaster = broadcaster;
        this.json = json;
    }

    @OnOpen
    public void onOpen(WebSocketSession session) {
        session.sendAsync(encode(new LiveMessage("snapshot", board.views(), List.of())));
    }

    /** The page sends nothing that matters; pings from proxies keep the socket open. */
    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        // nothing to do
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        // nothing to clean up: the broadcaster only sees open sessions
    }

    public void publish(LiveMessage message) {
        broadcaster.broadcastAsync(encode(message));
    }

    private String encode(LiveMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            LOG.warn("cannot encode a live message: {}", e.toString());
            return "{\"type\":\"error\"}";
        }
    }
}
