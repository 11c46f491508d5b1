package io.loadstack.consumer.live;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveRunSocketTest extends ConsumerServerTest {

    private static String jwt(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("viewer").claim("roles", List.of("USER"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(secret.getBytes()));
        return jwt.serialize();
    }

    private URI socket(String uuid, String jwt) {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws/runs/" + uuid + "?token=" + jwt);
    }

    @Test
    void theLiveViewPushesNumbersWhileRunningAndTheCompletedStateAtTheEnd() throws Exception {
        String uuid = register("{}");
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(socket(uuid, jwt(ConsumerTestSetup.SECRET)), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String first = messages.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null && first.contains("\"status\":\"RUNNING\""), String.valueOf(first));

        stats(uuid,
                "{\"users\":7,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":42,\"failures\":0,\"responseTimes\":{\"10\":42}}]}");
        assertTrue(awaitMessage(messages, "\"requests\":42"), "a pushed snapshot carries the new numbers");

        assertEquals(200, commit(uuid).status());
        assertTrue(awaitMessage(messages, "\"status\":\"COMPLETED\""), "the end of the run is pushed");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void aTokenSignedWithAnotherSecretCannotWatch() {
        String uuid = register("{}");
        CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(socket(uuid, jwt("a-different-secret-that-is-long-enough-000000")), new WebSocket.Listener() { })
                .join());
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
        assertEquals(401, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    private static boolean awaitMessage(BlockingQueue<String> messages, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String message = messages.poll(500, TimeUnit.MILLISECONDS);
            if (message != null && message.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
