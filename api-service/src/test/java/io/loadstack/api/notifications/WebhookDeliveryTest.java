package io.loadstack.api.notifications;

import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries to real HTTP receivers in the test: signed, retried after a 5xx, given up on, and never in the
 * way of the one who publishes. Backoff is short here (200 ms); real MariaDB.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryTest extends ApiServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

    private final WebhookReceiver receiver = new WebhookReceiver();

    @Inject
    Notifier notifier;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("loadstack.notifications.backoff", "200ms,200ms");
        properties.put("loadstack.notifications.timeout", "2s");
        properties.put("loadstack.public.url", "https://loadstack.test");
        return properties;
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aWebhookDeliveryIsSignedWithTheChannelsSecretAndCarriesTheEvent() throws Exception {
        Map<String, Object> created = channel("signed", "webhook", receiver.url("/signed"), List.of("run.finished"), List.of("signed test"));
        String secret = (String) created.get("secret");
        long channel = ((Number) created.get("id")).longValue();
        NotificationEvent.RunFinished finished = new NotificationEvent.RunFinished("4f1c7d2e-0000-4000-8000-000000000001",
                "signed test", AT, "COMPLETED", null, List.of(),
                new NotificationEvent.RunNumbers(9000, 90, 1.0, 150.0, 40.0, 95.0, 130.0, 25, AT.minusSeconds(60), AT));
        assertEquals(1, notifier.publish(finished), "one channel wants it");

        WebhookReceiver.Received got = receiver.await(r -> r.path().equals("/signed"), DEADLINE, "the signed delivery");
        assertEquals(WebhookSignature.of(secret, got.body()), got.header("X-Loadstack-Signature"),
                "HMAC-SHA256 of the exact body with the channel's secret");
        assertTrue(got.header("X-Loadstack-Signature").matches("sha256=[0-9a-f]{64}"), got.headers().toString());
        assertEquals("run.finished", got.header("X-Loadstack-Event"));
        assertEquals("application/json", got.header("Content-Type"));
        Map<String, Object> body = new HttpCall.Response(200, got.text(), Map.of()).json();
        assertEquals(got.header("X-Loadstack-Delivery"), body.get("id"));
        assertEquals("run.finished", body.get("event"));
        assertEquals("signed test", body.get("test"));
        assertEquals("https://loadstack.test/#/runs/4f1c7d2e-0000-4000-8000-000000000001", body.get("link"));
        @SuppressWarnings("unchecked")
        Map<String, Object> numbers = (Map<String, Object>) ((Map<String, Object>) body.get("data")).get("numbers");
        assertEquals(9000, ((Number) numbers.get("requests")).intValue(), body.toString());
        assertEquals(95.0, ((Number) numbers.get("p95Ms")).doubleValue(), body.toString());

        Map<String, Object> delivery = awaitDelivery(channel, d -> "DELIVERED".equals(d.get("status")), "delivered");
        assertEquals(1, delivery.get("attempts"));
        assertEquals(204, delivery.get("lastStatusCode"));
        assertEquals(got.header("X-Loadstack-Delivery"), delivery.get("delivery"));
        assertEquals("signed", delivery.get("channel"));
        assertNull(delivery.get("lastError"));
        assertNotNull(delivery.get("deliveredAt"));
    }

    @Test
    void aReceiverAnswering500GetsTheSameDeliveryAgainAndItsSuccessIsRecorded() {
        receiver.answer("/flaky", 500);
        long channel = id(channel("flaky", "webhook", receiver.url("/flaky"), List.of("launch.failed"), List.of("flaky test")));
        notifier.publish(new NotificationEvent.LaunchFailed(7, "4f1c7d2e-0000-4000-8000-000000000002", "flaky test", AT,
                "not READY within 60 s"));
        Map<String, Object> delivery = awaitDelivery(channel, d -> "DELIVERED".equals(d.get("status")), "delivered after a retry");
        assertEquals(2, delivery.get("attempts"), delivery.toString());
        assertEquals(204, delivery.get("lastStatusCode"));
        List<WebhookReceiver.Received> posts = receiver.received().stream().filter(r -> r.path().equals("/flaky")).toList();
        assertEquals(2, posts.size(), "the first answered 500, the retry 204");
        assertEquals(posts.get(0).header("X-Loadstack-Delivery"), posts.get(1).header("X-Loadstack-Delivery"), "one delivery id");
        assertEquals(posts.get(0).text(), posts.get(1).text(), "the same body, so the same signature");
        assertEquals(posts.get(0).header("X-Loadstack-Signature"), posts.get(1).header("X-Loadstack-Signature"));
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpOnAfterTheBackoffAndAPermanentRefusalAtOnce() {
        receiver.answer("/down", 503, 503, 503);
        long down = id(channel("down", "webhook", receiver.url("/down"), List.of("agent.lost"), List.of("down test")));
        notifier.publish(new NotificationEvent.AgentLost("agent-7", 8, "4f1c7d2e-0000-4000-8000-000000000003", "down test", AT,
                "lost: no heartbeat since 2026-12-02T11:59:40Z"));
        Map<String, Object> failed = awaitDelivery(down, d -> "FAILED".equals(d.get("status")), "given up");
        assertEquals(3, failed.get("attempts"), "the first and one per backoff wait: " + failed);
        assertEquals(503, failed.get("lastStatusCode"));
        assertTrue(failed.get("lastError").toString().startsWith("HTTP 503"), failed.toString());
        assertNull(failed.get("nextAttemptAt"));

        receiver.answer("/gone", 404);
        long gone = id(channel("gone", "webhook", receiver.url("/gone"), List.of("agent.lost"), List.of("gone test")));
        notifier.publish(new NotificationEvent.AgentLost("agent-8", 9, "4f1c7d2e-0000-4000-8000-000000000004", "gone test", AT,
                "lost"));
        Map<String, Object> refused = awaitDelivery(gone, d -> "FAILED".equals(d.get("status")), "given up at once");
        assertEquals(1, refused.get("attempts"), "a 404 does not pass with time: " + refused);
    }

    @Test
    void aSlowReceiverDoesNotHoldPublishingBack() {
        long channel = id(channel("slow", "webhook", receiver.url("/slow"), List.of("run.started"), List.of("slow test")));
        receiver.hold();
        try {
            notifier.publish(started("4f1c7d2e-0000-4000-8000-000000000005", "slow test"));
            receiver.await(r -> r.path().equals("/slow"), DEADLINE, "the first delivery, held");
            // The receiver has not answered the first delivery; publishing goes on regardless.
            for (int i = 6; i <= 8; i++) {
                assertEquals(1, notifier.publish(started("4f1c7d2e-0000-4000-8000-00000000000" + i, "slow test")));
            }
            List<Map<String, Object>> listed = deliveries(channel);
            assertEquals(4, listed.size(), listed.toString());
            assertTrue(listed.stream().allMatch(d -> "PENDING".equals(d.get("status"))),
                    "all published while the first is still unanswered: " + listed);
        } finally {
            receiver.release();
        }
        Instant end = Instant.now().plus(DEADLINE);
        while (!deliveries(channel).stream().allMatch(d -> "DELIVERED".equals(d.get("status")))) {
            assertTrue(Instant.now().isBefore(end), "all delivered once the receiver answers: " + deliveries(channel));
            pause();
        }
    }

    @Test
    void aSlackChannelGetsTextWithTheLinkAndNoSignature() {
        long channel = id(channel("slack", "slack", receiver.url("/services/T1/B2/secret"), List.of("run.started"), List.of("slack test")));
        notifier.publish(new NotificationEvent.RunStarted("4f1c7d2e-0000-4000-8000-000000000009", "slack test", AT, "jmeter",
                "loadgen-1", "http://shop.internal"));
        WebhookReceiver.Received got = receiver.await(r -> r.path().equals("/services/T1/B2/secret"), DEADLINE, "the Slack message");
        assertNull(got.header("X-Loadstack-Signature"));
        String text = (String) new HttpCall.Response(200, got.text(), Map.of()).json().get("text");
        assertTrue(text.startsWith(":arrow_forward: Run started: *slack test* (jmeter on loadgen-1, target http://shop.internal)"), text);
        assertTrue(text.endsWith("<https://loadstack.test/#/runs/4f1c7d2e-0000-4000-8000-000000000009|Open the run>"), text);
        awaitDelivery(channel, d -> "DELIVERED".equals(d.get("status")), "delivered");
    }

    @Test
    void aPingReachesOnlyItsChannelWhateverItSubscribesTo() {
        long channel = id(channel("pinged", "webhook", receiver.url("/pinged"), List.of("regression.found"), List.of("pinged test")));
        HttpCall.Response pinged = HttpCall.post(url("/api/notifications/channels/" + channel + "/ping"), "").bearer(admin).send();
        assertEquals(202, pinged.status(), pinged.toString());
        WebhookReceiver.Received got = receiver.await(r -> r.path().equals("/pinged"), DEADLINE, "the ping");
        assertEquals("ping", got.header("X-Loadstack-Event"));
        assertEquals(pinged.json().get("delivery"), got.header("X-Loadstack-Delivery"));
        assertEquals(404, HttpCall.post(url("/api/notifications/channels/999999/ping"), "").bearer(admin).send().status());
    }

    @Test
    void deliveriesThatAreOverAreDeletedAfterTheKeepTimeAndPendingOnesStay() throws Exception {
        long channel = id(channel("kept", "webhook", receiver.url("/kept"), List.of("run.started"), List.of("kept test")));
        notifier.publish(started("4f1c7d2e-0000-4000-8000-000000000010", "kept test"));
        String delivered = (String) awaitDelivery(channel, d -> "DELIVERED".equals(d.get("status")), "delivered").get("delivery");
        try (java.sql.Connection c = database.connect()) {
            try (java.sql.PreparedStatement old = c.prepareStatement(
                    "UPDATE notification_deliveries SET created_at = UTC_TIMESTAMP(3) - INTERVAL 31 DAY WHERE delivery_uuid = ?")) {
                old.setString(1, delivered);
                assertEquals(1, old.executeUpdate());
            }
            // A delivery as old but still waiting for its (far) retry.
            try (java.sql.PreparedStatement waiting = c.prepareStatement("INSERT INTO notification_deliveries (delivery_uuid,"
                    + " channel_id, event, summary, body, status, attempts, next_attempt_at, created_at) VALUES"
                    + " ('4f1c7d2e-0000-4000-8000-0000000000aa', ?, 'run.started', 'waiting', '{}', 'PENDING', 1,"
                    + " UTC_TIMESTAMP(3) + INTERVAL 1 DAY, UTC_TIMESTAMP(3) - INTERVAL 31 DAY)")) {
                waiting.setLong(1, channel);
                waiting.executeUpdate();
            }
        }
        Instant end = Instant.now().plus(DEADLINE);
        while (deliveries(channel).stream().anyMatch(d -> delivered.equals(d.get("delivery")))) {
            assertTrue(Instant.now().isBefore(end), "the delivered one is deleted after 30 days: " + deliveries(channel));
            pause();
        }
        assertEquals(List.of("4f1c7d2e-0000-4000-8000-0000000000aa"), deliveries(channel).stream().map(d -> d.get("delivery")).toList(),
                "a pending delivery stays, however old");
    }

    private static NotificationEvent.RunStarted started(String uuid, String test) {
        return new NotificationEvent.RunStarted(uuid, test, AT, "events", null, null);
    }

    private Map<String, Object> channel(String name, String type, String url, List<String> events, List<String> tests) {
        HttpCall.Response created = HttpCall.post(url("/api/notifications/channels"),
                HttpCall.json(NotificationChannelApiTest.body(name, type, url, null, events, tests))).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    private static long id(Map<String, Object> channel) {
        return ((Number) channel.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(long channel) {
        HttpCall.Response listed = HttpCall.get(url("/api/notifications/deliveries?channel=" + channel)).bearer(admin).send();
        assertEquals(200, listed.status(), listed.toString());
        // An empty list is left out of the JSON.
        List<Map<String, Object>> items = (List<Map<String, Object>>) listed.json().get("items");
        return items == null ? List.of() : items;
    }

    private Map<String, Object> awaitDelivery(long channel, Predicate<Map<String, Object>> which, String what) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            for (Map<String, Object> delivery : deliveries(channel)) {
                if (which.test(delivery)) {
                    return delivery;
                }
            }
            pause();
        }
        throw new AssertionError("no delivery of channel " + channel + " " + what + " within " + DEADLINE + ": " + deliveries(channel));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
