package io.loadstack.consumer.live;

import io.micronaut.security.annotation.Secured;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * {@code /ws/runs/{uuid}}: a signed-in user (JWT as {@code ?token=}) watches one run. {@link LivePublisher}
 * pushes its numbers about once a second; nothing the browser sends is needed.
 */
@Secured({"ADMIN", "USER"})
@ServerWebSocket("/ws/runs/{uuid}")
public class LiveRunSocket {

    private final LivePublisher publisher;

    public LiveRunSocket(LivePublisher publisher) {
        this.publisher = publisher;
    }

    @OnOpen
    public void onOpen(String uuid, WebSocketSession session) {
        publisher.opened(uuid, session);
    }

    @OnMessage
    public void onMessage(String uuid, String message, WebSocketSession session) {
        // Browsers may send pings as text; there is nothing to answer.
    }

    @OnClose
    public void onClose(String uuid, WebSocketSession session) {
        publisher.closed(uuid);
    }
}
