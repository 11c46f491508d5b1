package io.loadstack.browser;

import com.sun.net.httpserver.HttpServer;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A launch made and watched in a real Chromium: a locustfile uploaded on the plans page, launched from the form on
 * two real load agents (the packaged agent jar, each in its own region, over nginx's HTTPS trusting its certificate,
 * as an agent elsewhere would connect) against a small HTTP server inside the test. The page follows the agents
 * live to RUNNING with their counts, first requests and Locust's log lines, draws the run's chart as it grows, stops the launch (each
 * agent's log box shows its stop), lists it and runs it again while the agents page shows them busy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LaunchBrowserIT extends BrowserTest {

    private static final Path AGENT_JAR = Path.of("..", "load-agent", "target", "load-agent.jar");
    private static final Path LOCUST = Path.of("/usr/bin/locust");
    /** A launch needs agents to fetch files, start Python and ramp up: bounds, not expectations. */
    private static final Duration LAUNCH_BOUND = Duration.ofSeconds(90);
    private static final List<String> AGENT_ORDER = List.of("ASSIGNED", "PREPARING", "READY", "RUNNING", "FINISHED");
    private static final String EU = "eu-west";
    private static final String US = "us-east";
    /** Each user sends a request every 200 ms: enough for counts and a chart, little load for two CPU cores. */
    private static final String LOCUSTFILE = """
            import os

            from locust import HttpUser, constant, task


            class Shopper(HttpUser):
                wait_time = constant(float(os.environ.get("SHOP_PAUSE", "0.2")))

                @task
                def cart(self):
                    self.client.get("/cart")
            """;

    private HttpServer target;
    private ExecutorService targetThreads;
    private final AtomicLong targetRequests = new AtomicLong();
    private final List<ServiceProcess> agents = new ArrayList<>();
    private Path files;
    private long launchId;
    private String runUuid;

    /** The target is on loopback, which launches may load only when an admin allows it. */
    @Override
    protected Map<String, String> settings() {
        return Map.of("LOADSTACK_ALLOWED_TARGETS", "127.0.0.1");
    }

    @Override
    protected void beforeServices() throws IOException {
        assumeTrue(Files.isExecutable(LOCUST), "this test launches a locustfile: apt-get install python3-locust");
        files = Files.createTempDirectory("browser-it-launch");
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        targetThreads = Executors.newFixedThreadPool(4);
        target.setExecutor(targetThreads);
        target.createContext("/", exchange -> {
            targetRequests.incrementAndGet();
            byte[] body = "{\"items\": 3}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @Override
    protected void beforeBrowser() throws IOException {
        String token = agentToken();
        agents.add(startAgent(token, "eu-agent-1", EU));
        agents.add(startAgent(token, "us-agent-1", US));
    }

    @AfterAll
    void stopAgentsAndTarget() {
        for (ServiceProcess agent : agents) {
            agent.close();
        }
        if (target != null) {
            target.stop(0);
            targetThreads.shutdownNow();
        }
    }

    /**
     * The agent as anyone would run it elsewhere: through nginx's HTTPS, trusting its certificate. Each has its
     * own work directory, as two machines would: on one host they would otherwise share launch-&lt;id&gt;.
     */
    private ServiceProcess startAgent(String token, String name, String region) throws IOException {
        assertTrue(Files.isRegularFile(AGENT_JAR), AGENT_JAR + " is missing: package load-agent first");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LOADSTACK_AGENT_WORK_DIR", Files.createDirectories(files.resolve("agent-" + name)).toString());
        environment.put("LOADSTACK_URL", loadstack.browserUrl());
        environment.put("LOADSTACK_AGENT_TOKEN", token);
        environment.put("LOADSTACK_AGENT_NAME", name);
        environment.put("LOADSTACK_AGENT_REGION", region);
        environment.put("LOADSTACK_AGENT_CA_FILE", loadstack.certificate().toString());
        return ServiceProcess.start(AGENT_JAR, environment);
    }

    private String agentToken() {
        HttpCall.Response created = HttpCall.post(loadstack.apiUrl() + "/api/agent-tokens",
                HttpCall.json(Map.of("name", "browser-it launch agents"))).bearer(loadstack.adminJwt()).send();
        assertEquals(201, created.status(), created.toString());
        return (String) created.json().get("token");
    }

    private String targetUrl() {
        return "http://127.0.0.1:" + target.getAddress().getPort();
    }

    private String agentLogs() {
        StringBuilder text = new StringBuilder();
        for (ServiceProcess agent : agents) {
            String output = agent.output();
            text.append("agent (alive: ").append(agent.isAlive()).append("):\n")
                    .append(output.length() <= 4000 ? output : "…" + output.substring(output.length() - 4000)).append('\n');
        }
        return text.toString();
    }

    /** Fills the launch form for one agent in each region; the plan is picked already. */
    private void fillLaunchForm(int users) {
        WebElement eu = browser.waitFor(By.id("region-" + EU));
        WebElement us = browser.waitFor(By.id("region-" + US));
        browser.waitUntil("both regions with their idle agent", () ->
                browser.text(By.cssSelector(".region[data-region='" + EU + "'] [data-field='online']")).equals("1 idle, 0 busy")
                        && browser.text(By.cssSelector(".region[data-region='" + US + "'] [data-field='online']")).equals("1 idle, 0 busy"));
        type(eu, "1");
        type(us, "1");
        type(driver.findElement(By.id("launch-users")), Integer.toString(users));
        type(driver.findElement(By.id("launch-ramp-up")), "2");
        type(driver.findElement(By.id("launch-duration")), "300");
        type(driver.findElement(By.id("launch-target")), targetUrl());
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static By agentCell(String name, String field) {
        return By.cssSelector("#launch-agents tr[data-name='" + name + "'] [data-field='" + field + "']");
    }

    private String agentField(String name, String field) {
        return browser.text(agentCell(name, field));
    }

    private long exactCount(String name, String field) {
        String title = browser.attribute(agentCell(name, field), "title");
        return title == null || title.isEmpty() ? -1 : Long.parseLong(title);
    }

    private String launchStatus() {
        return browser.attribute(By.id("launch-status"), "data-status");
    }

    private long launchIdFromUrl() {
        Matcher m = Pattern.compile("#/launches/(\\d+)$").matcher(driver.getCurrentUrl());
        assertTrue(m.find(), driver.getCurrentUrl());
        return Long.parseLong(m.group(1));
    }

    private Map<String, Object> launchFromApi(long id) {
        HttpCall.Response response = HttpCall.get(loadstack.apiUrl() + "/api/launches/" + id).bearer(loadstack.adminJwt()).send();
        assertEquals(200, response.status(), response.toString());
        return response.json();
    }

    /**
     * Waits until both agents are RUNNING on the page, noting every state the page showed each in between: they
     * must only move forward (what the page shows, second by second, is what the agents went through).
     */
    private void awaitBothRunning() {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        seen.put("eu-agent-1", new ArrayList<>());
        seen.put("us-agent-1", new ArrayList<>());
        long deadline = System.nanoTime() + LAUNCH_BOUND.toNanos();
        boolean shotReady = false;
        while (true) {
            boolean allRunning = true;
            for (Map.Entry<String, List<String>> agent : seen.entrySet()) {
                String state;
                try {
                    state = agentField(agent.getKey(), "status");
                } catch (RuntimeException notDrawnYet) {
                    allRunning = false;
                    continue;
                }
                List<String> states = agent.getValue();
                if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                    states.add(state);
                }
                allRunning &= state.equals("RUNNING");
                if (state.equals("READY") && !shotReady) {
                    browser.screenshot("31-launch-ready");
                    shotReady = true;
                }
            }
            if (allRunning) {
                break;
            }
            if (System.nanoTime() > deadline) {
                browser.screenshot("failed-launch-" + System.currentTimeMillis());
                throw new AssertionError("the agents never both ran: states seen " + seen + "; page: "
                        + browser.text(By.tagName("main")) + "\n" + agentLogs() + loadstack.logs());
            }
            sleep(200);
        }
        for (Map.Entry<String, List<String>> agent : seen.entrySet()) {
            List<Integer> order = agent.getValue().stream().map(AGENT_ORDER::indexOf).toList();
            assertFalse(order.contains(-1), agent.getKey() + " showed an unexpected state: " + agent.getValue());
            for (int i = 1; i < order.size(); i++) {
                assertTrue(order.get(i) > order.get(i - 1), agent.getKey() + " went backwards: " + agent.getValue());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void stopFromThePage() {
        browser.waitFor(By.id("stop-launch")).click();
        String question = driver.switchTo().alert().getText();
        assertTrue(question.startsWith("Stop launch #"), question);
        driver.switchTo().alert().accept();
        browser.waitUntil("the launch STOPPED with both agents FINISHED", () -> "STOPPED".equals(launchStatus())
                && agentField("eu-agent-1", "status").equals("FINISHED") && agentField("us-agent-1", "status").equals("FINISHED"));
        assertFalse(driver.findElement(By.id("stop-launch")).isDisplayed(), "an ended launch cannot be stopped");
        assertEquals("", browser.text(By.id("launch-live")), "an ended launch is no longer polled");
    }

    @Test
    @Order(1)
    void aLaunchTheApiRefusesShowsItsReasonBesideTheForm() throws Exception {
        Path plan = Files.writeString(files.resolve("locustfile.py"), LOCUSTFILE, StandardCharsets.UTF_8);
        browser.signedIn("#/plans");
        browser.waitFor(By.id("plan-form"));
        driver.findElement(By.id("plan-name")).sendKeys("shop");
        new Select(driver.findElement(By.id("plan-generator"))).selectByValue("locust");
        driver.findElement(By.id("plan-main")).sendKeys(plan.toAbsolutePath().toString());
        driver.findElement(By.id("upload-plan")).click();
        browser.waitFor(By.cssSelector("#plan-message .notice a")).click();
        // From the plan's own page, as a user would.
        browser.waitFor(By.id("launch-plan-button")).click();
        browser.waitUntil("the launch form", () -> driver.getCurrentUrl().contains("#/launches/new?plan="));
        assertEquals("shop (locust)", new Select(browser.waitFor(By.id("launch-plan"))).getFirstSelectedOption().getText());

        // One user cannot be split over two agents: the API says so, and the page shows it as said.
        fillLaunchForm(1);
        driver.findElement(By.id("launch-submit")).click();
        String error = browser.waitFor(By.cssSelector("#launch-message .notice.error")).getText();
        assertTrue(error.contains("cannot be split over 2 agents"), error);
        assertTrue(driver.getCurrentUrl().contains("#/launches/new"), "the form stays: " + driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("launch-submit")).isEnabled(), "it can be sent again once mended");
        browser.screenshot("30-launch-refused");
    }

    @Test
    @Order(2)
    void aLaunchFromTheFormRunsLiveOnTheAgentsAndStopsWhenAsked() {
        browser.signedIn("#/launches");
        browser.waitFor(By.id("new-launch")).click();
        browser.waitFor(By.id("launch-form"));
        new Select(driver.findElement(By.id("launch-plan"))).selectByVisibleText("shop (locust)");
        fillLaunchForm(4);
        driver.findElement(By.id("add-property")).click();
        WebElement property = browser.waitFor(By.cssSelector("#launch-properties .property"));
        property.findElement(By.cssSelector("input[name='property-key']")).sendKeys("SHOP_PAUSE");
        property.findElement(By.cssSelector("input[name='property-value']")).sendKeys("0.2");
        browser.screenshot("30-launch-form");
        driver.findElement(By.id("launch-submit")).click();

        browser.waitUntil("the new launch's page", () -> driver.getCurrentUrl().matches(".*#/launches/\\d+$"));
        launchId = launchIdFromUrl();
        Map<String, Object> launch = launchFromApi(launchId);
        runUuid = (String) launch.get("runUuid");
        assertEquals(targetUrl(), launch.get("targetHost"), launch.toString());
        assertEquals(4, ((Number) launch.get("users")).intValue(), launch.toString());
        browser.waitFor(By.id("launch-agents"));

        awaitBothRunning();
        assertEquals(EU, agentField("eu-agent-1", "region"));
        assertEquals(US, agentField("us-agent-1", "region"));
        assertEquals("2", agentField("eu-agent-1", "users"), "the 4 users are split over the two agents");
        assertEquals("2", agentField("us-agent-1", "users"));

        browser.waitUntil("the launch RUNNING with requests from both agents", () ->
                "RUNNING".equals(launchStatus())
                        && exactCount("eu-agent-1", "requests") > 0 && exactCount("us-agent-1", "requests") > 0
                        && !agentField("eu-agent-1", "firstRequest").equals("–")
                        && !agentField("us-agent-1", "firstRequest").equals("–"));
        // Locust's own lines arrive while it runs.
        browser.waitUntil("Locust's log lines from both agents", () -> logText("eu-agent-1").contains("locust")
                && logText("us-agent-1").contains("locust"));
        assertTrue(targetRequests.get() > 0, "the target was loaded");
        browser.waitUntil("the skew of the two first requests", () ->
                !browser.text(By.id("launch-card-skew")).equals("–"));

        // The counts go on rising while the page is open, without a reload.
        long requestsBefore = exactCount("eu-agent-1", "requests");
        browser.waitUntil("more requests on the page", () -> exactCount("eu-agent-1", "requests") > requestsBefore);

        // The run's chart grows as the consumer writes its records (every second in this test).
        browser.waitFor(By.id("launch-chart-rps"));
        int points = Integer.parseInt(browser.attribute(By.id("launch-chart-rps"), "data-points"));
        browser.waitUntil("a new point on the throughput chart", () ->
                Integer.parseInt(browser.attribute(By.id("launch-chart-rps"), "data-points")) > points);
        assertTrue(driver.findElement(By.id("launch-chart-latency")).isDisplayed());
        assertTrue(browser.attribute(By.id("launch-run-link"), "href").endsWith("#/runs/" + runUuid));
        // The page draws again every second, changing only what changed: a reader's focus on the run's link stays.
        WebElement runLink = driver.findElement(By.id("launch-run-link"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus();", runLink);
        long requestsSeen = exactCount("eu-agent-1", "requests");
        browser.waitUntil("the counts drawn again", () -> exactCount("eu-agent-1", "requests") > requestsSeen);
        assertEquals("launch-run-link", driver.switchTo().activeElement().getAttribute("id"),
                "the focused link survives the page's refreshes");
        browser.screenshot("32-launch-running");

        stopFromThePage();
        // Each agent's own line about the stop reaches its log box (the generator's lines are before it).
        browser.waitUntil("each agent's stop in its log", () -> logText("eu-agent-1").contains("Agent eu-agent-1 stops its share")
                && logText("us-agent-1").contains("Agent us-agent-1 stops its share"));
        browser.screenshot("33-launch-stopped");
        Map<String, Object> stopped = launchFromApi(launchId);
        assertEquals("STOPPED", stopped.get("status"), stopped.toString());
        assertTrue(agents.stream().allMatch(ServiceProcess::isAlive), "the agents outlive the launch:\n" + agentLogs());
    }

    private String logText(String agent) {
        return browser.attribute(By.cssSelector("pre.log[data-agent='" + agent + "']"), "textContent");
    }

    @Test
    @Order(3)
    void theListShowsTheLaunchAndReRunStartsItAgainOnBusyAgents() {
        browser.signedIn("#/launches");
        // The list refreshes itself: each read finds the row as drawn now.
        String row = "#launch-list tr[data-id='" + launchId + "']";
        browser.waitFor(By.cssSelector(row));
        assertEquals("STOPPED", browser.attribute(By.cssSelector(row), "data-status"));
        assertEquals("shop v1", browser.text(By.cssSelector(row + " [data-field='plan']")));
        assertEquals(EU + " × 1, " + US + " × 1", browser.text(By.cssSelector(row + " [data-field='regions']")));
        assertNotEquals("–", browser.text(By.cssSelector(row + " [data-field='skew']")),
                "the list shows the skew of a launch whose agents both sent requests");
        browser.screenshot("34-launches");

        browser.fresh(() -> {
            driver.findElement(By.cssSelector(row)).findElement(By.linkText("#" + launchId)).click();
            return true;
        });
        // The stopped launch released its agents: a re-run needs them idle again.
        browser.waitUntil("both agents idle again", () -> HttpCall.get(loadstack.apiUrl() + "/api/agents")
                .bearer(loadstack.adminJwt()).send().jsonList().stream()
                .filter(a -> "IDLE".equals(a.get("status"))).count() == 2);
        browser.waitFor(By.id("rerun-launch")).click();
        browser.waitUntil("the re-run's page", () -> driver.getCurrentUrl().matches(".*#/launches/\\d+$")
                && launchIdFromUrl() != launchId);
        long again = launchIdFromUrl();
        Map<String, Object> rerun = launchFromApi(again);
        assertNotEquals(runUuid, rerun.get("runUuid"), "a re-run is a new run");
        assertEquals(1, ((Number) rerun.get("version")).intValue(), "it runs the version the first one ran");
        browser.waitFor(By.id("launch-agents"));
        awaitBothRunning();

        // While it runs, the agents page shows both agents busy.
        browser.go("#/agents");
        browser.waitUntil("both agents BUSY on the agents page", () ->
                browser.text(By.cssSelector("#agents tr[data-name='eu-agent-1'] [data-field='status']")).startsWith("BUSY")
                        && browser.text(By.cssSelector("#agents tr[data-name='us-agent-1'] [data-field='status']")).startsWith("BUSY"));
        browser.screenshot("35-agents-busy");

        browser.go("#/launches/" + again);
        browser.waitFor(By.id("launch-agents"));
        stopFromThePage();

        browser.go("#/launches");
        browser.waitUntil("the re-run listed first", () -> driver.findElements(By.cssSelector("#launch-list tbody tr"))
                .stream().map(r -> r.getAttribute("data-id")).toList().equals(List.of(Long.toString(again), Long.toString(launchId))));
        String log = browser.browserLog();
        assertFalse(log.contains("Uncaught"), "no script error: " + log);
    }

    @Test
    @Order(4)
    void theLaunchPagesFitAPhone() {
        browser.signedIn("#/launches");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("#/launches", "#/launches/new", "#/launches/" + launchId)) {
                browser.go(page);
                browser.waitFor(By.tagName("h1"));
                browser.waitUntil(page + " loaded", () -> !browser.text(By.tagName("main")).contains("Loading…"));
                Number width = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
                assertTrue(width.intValue() <= 400, page + " does not scroll sideways: " + width);
            }
            browser.screenshot("36-launch-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1366, 1000));
        }
    }
}
