package io.loadstack.api.notifications;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a channel takes, which events it wants, and what it shows of its URL. */
class ChannelRulesTest {

    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAreTaken() {
        assertEquals(URI.create("https://hooks.example.com/x?y=1"), NotificationChannels.url(" https://hooks.example.com/x?y=1 "));
        assertEquals(URI.create("http://10.0.0.7:9000/hook"), NotificationChannels.url("http://10.0.0.7:9000/hook"));
        for (String bad : List.of("ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "https:///nohost",
                "example.com/hook", "http://exa mple.com/", "", "https://example.com/#fragment", "gopher://x")) {
            InvalidChannelException refused = assertThrows(InvalidChannelException.class, () -> NotificationChannels.url(bad), bad);
            assertTrue(refused.getMessage().startsWith("url "), refused.getMessage());
        }
    }

    @Test
    void aChannelWantsItsEventsOfItsTests() {
        Channel all = channel(ChannelType.WEBHOOK, "https://x.test/h", EnumSet.of(EventType.RUN_FINISHED), null);
        Channel cart = channel(ChannelType.WEBHOOK, "https://x.test/h", EnumSet.of(EventType.RUN_FINISHED, EventType.LAUNCH_FAILED),
                List.of("cart"));
        NotificationEvent cartFinished = finished("cart");
        NotificationEvent shopFinished = finished("shop");
        NotificationEvent started = new NotificationEvent.RunStarted("u", "cart", AT, "events", null, null);
        assertTrue(all.wants(cartFinished));
        assertTrue(all.wants(shopFinished));
        assertFalse(all.wants(started), "not subscribed to run.started");
        assertTrue(cart.wants(cartFinished));
        assertFalse(cart.wants(shopFinished), "another test");
        assertTrue(cart.wants(new NotificationEvent.LaunchFailed(3, "u", "cart", AT, "readiness timeout")));
    }

    @Test
    void aSlackUrlIsShownWithoutItsSecretPathAndAWebhookWithoutItsQueryOrUserInfo() {
        assertEquals("https://hooks.slack.com/services/T0001/…",
                channel(ChannelType.SLACK, "https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX", EnumSet.of(EventType.RUN_STARTED), null).shownUrl());
        assertEquals("https://ci.example.com:8443/hooks/loadstack?…",
                channel(ChannelType.WEBHOOK, "https://user:pass@ci.example.com:8443/hooks/loadstack?token=abc", EnumSet.of(EventType.RUN_STARTED), null).shownUrl());
        assertEquals("http://ci.example.com/hook",
                channel(ChannelType.WEBHOOK, "http://ci.example.com/hook", EnumSet.of(EventType.RUN_STARTED), null).shownUrl());
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                WebhookSignature.of("key", "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
        String secret = WebhookSignature.newSecret();
        assertTrue(secret.matches("[0-9a-f]{64}"), secret);
    }

    @Test
    void slackTextEscapesWhatTheSenderWroteAndCarriesTheKeyNumbersAndTheLink() {
        NotificationEvent.RunFinished event = new NotificationEvent.RunFinished("0b0e6f1c-5b54-4c11-9d52-0d5d8d3c6a11",
                "<script> & co", AT, "COMPLETED", "FAILED", List.of("p95 < 300ms: 412 ms"),
                new NotificationEvent.RunNumbers(12_000, 120, 1.0, 200.0, 60.0, 120.0, 180.0, 50, AT.minusSeconds(60), AT));
        String text = NotificationText.slack(event, "https://loadstack.example.com/#/runs/0b0e6f1c-5b54-4c11-9d52-0d5d8d3c6a11");
        assertTrue(text.contains("*&lt;script&gt; &amp; co*"), text);
        assertTrue(text.contains("12,000 requests, 1.00 % errors, 200.0 req/s, p50 60 ms, p95 120 ms, p99 180 ms, 50 users, 1 min 0 s"), text);
        assertTrue(text.contains("verdict *FAILED*"), text);
        assertTrue(text.contains("\n• p95 &lt; 300ms: 412 ms"), text);
        assertTrue(text.endsWith("\n<https://loadstack.example.com/#/runs/0b0e6f1c-5b54-4c11-9d52-0d5d8d3c6a11|Open the run>"), text);
    }

    @Test
    void linksAreMadeFromThePublicUrlWithOrWithoutItsSlash() {
        assertEquals("https://ls.example.com/#/runs/u", new PublicUrlSettings(URI.create("https://ls.example.com")).link("#/runs/u"));
        assertEquals("https://ls.example.com/loadstack/#/launches/4",
                new PublicUrlSettings(URI.create("https://ls.example.com/loadstack/")).link("#/launches/4"));
    }

    private static NotificationEvent finished(String test) {
        return new NotificationEvent.RunFinished("u", test, AT, "COMPLETED", null, List.of(),
                new NotificationEvent.RunNumbers(1, 0, 0, null, null, null, null, 1, AT, null));
    }

    private static Channel channel(ChannelType type, String url, EnumSet<EventType> events, List<String> tests) {
        return new Channel(1, "c", type, URI.create(url), null, events, tests, AT, "admin", AT);
    }
}
