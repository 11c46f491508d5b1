package io.loadstack.browser;

import com.sun.net.httpserver.HttpServer;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifications page in a real Chromium through nginx, in front of the packaged services: a webhook
 * channel added on the page (its secret shown once), a test message and a run made through the consumer's
 * ingestion API delivered to a real receiver and listed with their status.
 */
class NotificationsBrowserIT extends BrowserTest {

    /** One request the receiver got: its headers (first values) and body. */
    private record Received(Map<String, String> headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @Override
    protected Map<String, String> settings() {
        return Map.of("LOADSTACK_PUBLIC_URL", "https://loadstack.example");
    }

    @Override
    protected void beforeServices() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aWebhookChannelAddedOnThePageGetsSignedDeliveriesThatAreListed() throws Exception {
        browser.signedIn("#/notifications");
        browser.waitFor(By.id("channel-form"));
        browser.waitFor(By.cssSelector("#deliveries .empty"));
        // The deliveries are drawn anew every few seconds: read what is drawn now.
        assertTrue(browser.text(By.cssSelector("#deliveries .empty")).contains("Nothing delivered yet"),
                "an empty list says what to do");
        assertEquals("page", browser.attribute(By.cssSelector("#top nav a[data-nav='notifications']"), "aria-current"));
        driver.findElement(By.id("channel-name")).sendKeys("ci receiver");
        new Select(driver.findElement(By.id("channel-type"))).selectByValue("webhook");
        driver.findElement(By.id("channel-url")).sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        driver.findElement(By.id("event-run-started")).click();
        browser.screenshot("60-notifications-form");
        driver.findElement(By.id("save-channel")).click();

        String secret = browser.waitFor(By.id("new-channel-secret")).getText();
        assertTrue(secret.matches("[0-9a-f]{64}"), secret);
        WebElement row = browser.waitFor(By.cssSelector("#channel-table tr[data-name='ci receiver']"));
        assertTrue(row.getText().contains("webhook (signed)"), row.getText());
        assertTrue(row.getText().contains("Run started"), row.getText());
        browser.go("#/notifications");
        browser.waitFor(By.cssSelector("#channel-table tr[data-name='ci receiver']"));
        assertFalse(browser.text(By.tagName("main")).contains(secret), "shown once: not after a reload");

        // "Send test": a ping, delivered and listed.
        browser.waitFor(By.cssSelector("#channel-table tr[data-name='ci receiver'] button[data-action='ping']")).click();
        browser.waitUntil("the ping listed as DELIVERED", () -> !driver.findElements(
                By.cssSelector("#delivery-table tr[data-status='DELIVERED'] code")).isEmpty()
                && browser.text(By.cssSelector("#delivery-table tr[data-status='DELIVERED']")).contains("ping"));
        Received ping = received.stream().filter(r -> "ping".equals(r.headers().get("x-loadstack-event"))).findFirst().orElseThrow();
        assertEquals(signature(secret, ping.body()), ping.headers().get("x-loadstack-signature"), "signed with the secret shown");

        // A run registered through the consumer's ingestion API is told started.
        String uuid = loadstack.ingestion().register("notified run", Map.of());
        browser.waitUntil("the run's start listed as DELIVERED", () -> driver.findElements(
                By.cssSelector("#delivery-table tr[data-status='DELIVERED']")).stream()
                .anyMatch(r -> r.getText().contains("Run started: notified run")));
        Received started = received.stream().filter(r -> "run.started".equals(r.headers().get("x-loadstack-event"))).findFirst().orElseThrow();
        Map<String, Object> body = new HttpCall.Response(200, started.body(), Map.of()).json();
        assertEquals("https://loadstack.example/#/runs/" + uuid, body.get("link"));
        assertEquals(signature(secret, started.body()), started.headers().get("x-loadstack-signature"));
        assertFalse(browser.text(By.id("deliveries")).contains("null"), "nothing drawn from a missing value");
        browser.screenshot("61-notifications-deliveries");

        // "Edit": a new name and one test; the URL and the secret left empty stay as they were.
        driver.findElement(By.cssSelector("#channel-table tr[data-name='ci receiver'] button[aria-label='Edit ci receiver']")).click();
        WebElement name = driver.findElement(By.id("channel-name"));
        name.clear();
        name.sendKeys("ci receiver (checkout)");
        driver.findElement(By.id("channel-tests")).sendKeys("checkout");
        driver.findElement(By.id("save-channel")).click();
        WebElement edited = browser.waitFor(By.cssSelector("#channel-table tr[data-name='ci receiver (checkout)']"));
        assertTrue(!edited.getText().contains("every test") && edited.getText().contains("webhook (signed)"), edited.getText());
        assertTrue(edited.getText().contains("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), edited.getText());
    }

    private static String signature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
