package io.loadstack.browser;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real (headless) Chromium, through nginx with the shipped configuration, in front of
 * the packaged api-service and consumer-service: what a user sees and does. Every run on screen was made
 * through the ingestion API, and a running run's numbers arrive over the consumer's websocket. Screenshots
 * of each page go to target/screenshots for a person to look at (CI keeps them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT extends BrowserTest {

    private IngestionClient ingestion;
    private Path downloads;
    private String baseline;
    private String candidate;
    private String live;

    @Override
    protected void beforeBrowser() throws Exception {
        ingestion = loadstack.ingestion();
        downloads = Files.createTempDirectory("loadstack-downloads");

        // Three runs, made the way a load generator makes them; two finished, one still running.
        baseline = ingestion.register("checkout baseline", Map.of("env", "staging"));
        ingestion.stats(baseline, 1, 50, 6000, 60, 120);
        ingestion.awaitStored(baseline, 6000);
        ingestion.stats(baseline, 2, 50, 6000, 60, 120);
        ingestion.commit(baseline);

        candidate = ingestion.register("checkout candidate", Map.of("env", "staging"));
        ingestion.stats(candidate, 1, 50, 6000, 360, 190);
        ingestion.awaitStored(candidate, 6000);
        ingestion.stats(candidate, 2, 50, 6000, 360, 190);
        ingestion.commit(candidate);

        live = ingestion.register("soak test (live)", Map.of("env", "prod"));
        ingestion.stats(live, 1, 50, 1800, 0, 80);
        ingestion.awaitStored(live, 1800);
    }

    @Override
    protected Path downloads() {
        return downloads;
    }

    private String url(String path) {
        return loadstack.browserUrl() + path;
    }

    private void go(String hash) {
        driver.get(url("/" + hash));
    }

    private void signIn() {
        go("#/runs");
        if (!driver.findElements(By.id("username")).isEmpty() && driver.findElement(By.id("username")).isDisplayed()) {
            browser.waitFor(By.id("username")).sendKeys(LoadstackUnderTest.ADMIN);
            driver.findElement(By.id("password")).sendKeys(LoadstackUnderTest.ADMIN_PASSWORD);
            driver.findElement(By.id("sign-in")).click();
            browser.waitFor(By.cssSelector("#runs table"));
        }
    }

    @Test
    @Order(1)
    void signingInLeadsToTheRunList() {
        go("");
        WebElement username = browser.waitFor(By.id("username"));
        assertTrue(driver.getCurrentUrl().endsWith("#/login"), driver.getCurrentUrl());
        username.sendKeys(LoadstackUnderTest.ADMIN);
        driver.findElement(By.id("password")).sendKeys("wrong-password");
        driver.findElement(By.id("sign-in")).click();
        assertTrue(browser.waitFor(By.cssSelector("#login-error .notice")).getText().contains("Wrong username or password"));
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(LoadstackUnderTest.ADMIN_PASSWORD);
        browser.screenshot("01-login");
        driver.findElement(By.id("sign-in")).click();
        browser.waitFor(By.cssSelector("#runs table"));
        assertTrue(driver.getCurrentUrl().endsWith("#/runs"), driver.getCurrentUrl());
        assertTrue(browser.text(By.id("who")).startsWith("admin"));
    }

    @Test
    @Order(2)
    void aRunAppearsInTheListWithItsNumbers() {
        signIn();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-uuid='" + baseline + "']"));
        assertTrue(row.getText().contains("checkout baseline"), row.getText());
        assertTrue(row.getText().contains("COMPLETED"));
        assertTrue(row.getText().contains("env: staging"));
        assertEquals("12k", row.findElement(By.cssSelector("[data-field='requests']")).getText(), "8 × 1500 requests");
        assertEquals("1 %", row.findElement(By.cssSelector("[data-field='errorRate']")).getText());
        assertEquals("120 ms", row.findElement(By.cssSelector("[data-field='p95']")).getText());
        assertTrue(browser.text(By.cssSelector("tr[data-uuid='" + live + "']")).contains("RUNNING"));
        // Newest first by the start time each run reported (the test's clock can step between registrations,
        // so the expected order comes from what was stored, not from the order the runs were made in).
        List<String> newestFirst = java.util.stream.Stream.of(baseline, candidate, live)
                .sorted(java.util.Comparator.comparing((String uuid) -> Instant.parse((String) ingestion.run(uuid).get("startedAt")))
                        .reversed().thenComparing(java.util.Comparator.naturalOrder()))
                .toList();
        List<String> shown = driver.findElements(By.cssSelector("#runs tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-uuid")).toList();
        assertEquals(newestFirst, shown, "newest first, as stored: " + newestFirst.stream()
                .map(uuid -> uuid + "@" + ingestion.run(uuid).get("startedAt")).toList());
        browser.screenshot("02-runs");

        driver.findElement(By.id("f-status")).sendKeys("RUNNING");
        driver.findElement(By.id("f-q")).sendKeys("soak\n");
        browser.waitUntil("the filtered list", () -> driver.findElements(By.cssSelector("#runs tbody tr")).size() == 1);
        assertTrue(driver.getCurrentUrl().contains("status=RUNNING"));
    }

    @Test
    @Order(3)
    void theDetailShowsSummaryChartsEndpointsAndErrors() {
        signIn();
        go("#/runs/" + candidate);
        WebElement rpsChart = browser.waitFor(By.cssSelector("#chart-rps canvas"));
        assertTrue(rpsChart.getSize().getWidth() > 200);
        int records = ingestion.series(candidate).size();
        assertTrue(records >= 2, "the writer stored a record before the second stats post and one at the commit: " + records);
        for (String chart : List.of("chart-rps", "chart-latency", "chart-errors", "chart-users")) {
            assertEquals(Integer.toString(records), browser.attribute(By.id(chart), "data-points"),
                    chart + " has a point per stored record");
        }
        assertEquals("checkout candidate", browser.text(By.id("run-name")));
        assertEquals("12k", browser.text(By.id("card-requests")));
        assertEquals("6 %", browser.text(By.id("card-errorRate")));
        assertEquals("190 ms", browser.text(By.id("card-p95")));
        assertEquals("50", browser.text(By.id("card-users")), "the peak, not the count at the end");
        assertTrue(driver.findElements(By.id("sub-users")).isEmpty(), "no count now for a finished run");
        assertTrue(browser.text(By.id("run-meta")).contains("by admin"));
        List<WebElement> endpoints = driver.findElements(By.cssSelector("#endpoints tbody tr"));
        assertEquals(2, endpoints.size());
        assertTrue(endpoints.get(0).getText().contains("/cart"), "busiest first");
        // Sorting by p95 puts /checkout (the slower one) first.
        driver.findElement(By.cssSelector("#endpoints th[data-key='p95'] button")).click();
        assertTrue(driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout"));
        assertTrue(browser.text(By.cssSelector("#errors tbody")).contains("503"));
        browser.screenshot("03-run-detail");
    }

    @Test
    @Order(4)
    void aRunningRunsNumbersChangeWithoutReload() throws InterruptedException {
        signIn();
        go("#/runs/" + live);
        browser.waitFor(By.id("card-requests"));
        // The cards are re-drawn as data arrives: read them through waitUntil, which retries a stale element.
        browser.waitUntil("the first report's 1.8k requests", () -> browser.text(By.id("card-requests")).equals("1.8k"));
        browser.waitFor(By.cssSelector("#chart-rps canvas"));
        int pointsBefore = Integer.parseInt(browser.attribute(By.id("chart-rps"), "data-points"));
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 'same page';");
        // The consumer's websocket (through nginx, wss) streams the run's snapshots to the open page.
        browser.waitUntil("the websocket's first snapshot", () -> browser.text(By.id("live-note")).startsWith("live"));
        browser.waitUntil("50 users at the peak and now", () -> browser.text(By.id("card-users")).equals("50")
                && browser.text(By.id("sub-users")).equals("now 50"));

        ingestion.stats(live, 2, 80, 5400, 54, 80);
        browser.waitUntil("the new total", () -> browser.text(By.id("card-requests")).equals("7.2k"));
        browser.waitUntil("80 users", () -> browser.text(By.id("card-users")).equals("80")
                && browser.text(By.id("sub-users")).equals("now 80"));
        browser.waitUntil("0.75 % errors (54 of 7200)", () -> browser.text(By.id("card-errorRate")).equals("0.75 %"));
        browser.waitUntil("54 failed", () -> browser.text(By.id("sub-requests")).equals("54 failed"));
        browser.waitUntil("a new point on the charts", () -> Integer.parseInt(browser.attribute(By.id("chart-rps"), "data-points")) > pointsBefore);

        ingestion.stats(live, 3, 60, 300, 0, 80);
        browser.waitUntil("the new total", () -> browser.text(By.id("card-requests")).equals("7.5k"));
        browser.waitUntil("the peak stays at 80 with 60 users now", () -> browser.text(By.id("card-users")).equals("80")
                && browser.text(By.id("sub-users")).equals("now 60"));
        assertEquals("same page", ((JavascriptExecutor) driver).executeScript("return window.__noReload;"), "no reload");
        assertTrue(browser.text(By.id("run-status")).contains("RUNNING"));
        browser.screenshot("04-run-live");

        // The running run's tables are drawn again as its records arrive; the order the reader chose stays.
        driver.findElement(By.cssSelector("#endpoints th[data-key='name'] button")).click();
        browser.waitUntil("the endpoints sorted by name", () -> "descending".equals(
                browser.attribute(By.cssSelector("#endpoints th[data-key='name']"), "aria-sort")));
        ((JavascriptExecutor) driver).executeScript("document.querySelector('#endpoints table').dataset.drawn = 'before';");
        browser.waitUntil("the endpoints drawn again, still by name", () ->
                !"before".equals(browser.attribute(By.cssSelector("#endpoints table"), "data-drawn"))
                        && "descending".equals(browser.attribute(By.cssSelector("#endpoints th[data-key='name']"), "aria-sort"))
                        && driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout"));

        // The list's RUNNING rows follow the stored records.
        go("#/runs");
        ingestion.awaitStored(live, 7500);
        browser.waitUntil("the list's running row to show 7.5k", () -> browser.text(
                By.cssSelector("tr[data-uuid='" + live + "'] [data-field='requests']")).equals("7.5k"));
        ingestion.stats(live, 4, 80, 12_900, 0, 80);
        browser.waitUntil("the list's running row to update", () -> browser.text(
                By.cssSelector("tr[data-uuid='" + live + "'] [data-field='requests']")).equals("20k"));
    }

    @Test
    @Order(5)
    void compareOverlaysTwoRunsAndHighlightsRegressions() {
        signIn();
        go("#/runs");
        driver.findElement(By.cssSelector("tr[data-uuid='" + baseline + "'] input[type=checkbox]")).click();
        driver.findElement(By.cssSelector("tr[data-uuid='" + candidate + "'] input[type=checkbox]")).click();
        driver.findElement(By.id("compare-selected")).click();
        browser.waitFor(By.cssSelector("#compare-runs tbody tr"));
        List<WebElement> runs = driver.findElements(By.cssSelector("#compare-runs tbody tr"));
        assertEquals(2, runs.size());
        browser.waitFor(By.cssSelector("#compare-p95 canvas"));
        String legend = browser.text(By.id("compare-p95"));
        assertTrue(legend.contains("checkout baseline") || legend.contains("checkout candidate"), legend);
        assertFalse(driver.findElements(By.cssSelector("tr.regression")).isEmpty(), "a slower run with more errors is flagged");
        assertTrue(browser.text(By.cssSelector("tr.regression")).contains("regression"));
        browser.screenshot("05-compare");
    }

    @Test
    @Order(6)
    void aNewTokenIsShownOnceWithSnippetsThatContainIt() {
        signIn();
        go("#/tokens");
        browser.waitFor(By.id("token-name")).sendKeys("browser test");
        driver.findElement(By.id("create-token")).click();
        String token = browser.waitFor(By.id("new-token")).getText();
        assertTrue(token.startsWith("lst_"), token);
        List<WebElement> snippets = driver.findElements(By.cssSelector("pre.snippet"));
        assertEquals(4, snippets.size());
        for (WebElement snippet : snippets) {
            String text = snippet.getAttribute("textContent");
            assertTrue(text.contains(token), snippet.getAttribute("data-tool") + " snippet has the token");
            assertTrue(text.contains(loadstack.browserUrl()), "and this server's address (nginx's)");
        }
        browser.waitUntil("the list", () -> browser.text(By.id("token-list")).contains("browser test"));
        browser.screenshot("06-tokens");
        driver.navigate().refresh();
        browser.waitUntil("the list after reload", () -> browser.text(By.id("token-list")).contains("browser test"));
        assertFalse(driver.getPageSource().contains(token), "shown once only");
    }

    @Test
    @Order(7)
    void csvAndHtmlExportsDownloadAndContainTheRun() throws IOException {
        signIn();
        go("#/runs/" + baseline);
        browser.waitFor(By.id("export-csv")).click();
        Path csv = downloaded(".csv");
        String csvText = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(csv.getFileName().toString().startsWith("loadstack-checkout-baseline-"), csv.toString());
        assertTrue(csvText.contains("checkout baseline") && csvText.contains("endpoint,") && csvText.contains("record,"));

        driver.findElement(By.id("export-html")).click();
        Path html = downloaded(".html");
        String report = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(report.contains(baseline) && report.contains("checkout baseline"));

        // Offline: the file on its own, from disk, draws its charts.
        driver.get(html.toUri().toString());
        browser.waitFor(By.cssSelector(".chart canvas"));
        assertTrue(browser.text(By.tagName("h1")).contains("checkout baseline"));
        assertEquals(4, driver.findElements(By.cssSelector(".chart canvas")).size());
        browser.screenshot("07-html-report");
    }

    @Test
    @Order(8)
    void adminsManageUsers() {
        signIn();
        go("#/users");
        browser.waitFor(By.id("new-username")).sendKeys("colleague");
        driver.findElement(By.id("new-password")).sendKeys("colleague-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waitUntil("the new user", () -> browser.text(By.id("user-list")).contains("colleague"));
        List<String> scriptErrors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Uncaught")).toList();
        assertTrue(scriptErrors.isEmpty(), "the page's scripts ran without errors: " + scriptErrors);
        browser.screenshot("08-users");
    }

    @Test
    @Order(9)
    void anExpiredSessionGoesBackToSignInWithAMessage() {
        signIn();
        ((JavascriptExecutor) driver).executeScript("""
                const s = JSON.parse(sessionStorage.getItem('loadstack.session'));
                s.token = 'expired.' + s.token; sessionStorage.setItem('loadstack.session', JSON.stringify(s));""");
        go("#/tokens");
        WebElement message = browser.waitFor(By.cssSelector(".login .notice"));
        assertTrue(message.getText().contains("expired"), message.getText());
        browser.screenshot("09-session-expired");
    }

    @Test
    @Order(10)
    void narrowScreensAndDarkModeStayReadable() {
        signIn();
        driver.manage().window().setSize(new Dimension(390, 844));
        go("#/runs/" + candidate);
        browser.waitFor(By.cssSelector("#chart-rps canvas"));
        Number pageWidth = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
        assertTrue(pageWidth.intValue() <= 400, "no sideways scrolling of the page: " + pageWidth);
        browser.screenshot("10-run-detail-phone");
        driver.manage().window().setSize(new Dimension(1366, 1000));

        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        // The page stays open across the switch: the charts repaint in the dark palette.
        driver.navigate().refresh();
        go("#/runs");
        browser.waitFor(By.cssSelector("#runs table"));
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        go("#/runs/" + candidate);
        browser.waitFor(By.cssSelector("#chart-rps canvas"));
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.waitFor(By.cssSelector("#chart-rps canvas"));
        String background = (String) ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("rgb(15, 19, 24)", background, "the dark palette follows the system setting");
        browser.screenshot("11-run-detail-dark");
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    @Test
    @Order(11)
    void aWatchedRunThatIsCommittedTurnsCompletedWithoutReload() {
        signIn();
        go("#/runs/" + live);
        browser.waitUntil("the websocket's snapshots", () -> browser.text(By.id("live-note")).startsWith("live"));
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 'same page';");

        ingestion.commit(live);
        browser.waitUntil("the COMPLETED badge", () -> browser.text(By.id("run-status")).contains("COMPLETED"));
        assertEquals("same page", ((JavascriptExecutor) driver).executeScript("return window.__noReload;"), "no reload");
        browser.waitUntil("the final 20k requests", () -> browser.text(By.id("card-requests")).equals("20k"));
        browser.waitUntil("the peak of 80 users, without a count now", () -> browser.text(By.id("card-users")).equals("80")
                && driver.findElements(By.id("sub-users")).isEmpty());
        browser.waitUntil("the end time", () -> browser.text(By.id("run-meta")).contains("ended"));
        // nginx logs a websocket when it closes, which the page did at the run's end.
        browser.waitUntil("the websocket in nginx's access log", () -> loadstack.nginxAccessLog().contains("/ws/runs/" + live));
        String socketLine = loadstack.nginxAccessLog().lines().filter(l -> l.contains("/ws/runs/" + live)).findFirst().orElseThrow();
        assertTrue(socketLine.contains("?token=*** HTTP/1.1\" 101 "), "upgraded through nginx, the JWT kept out of the log: " + socketLine);
        browser.screenshot("12-run-finished-live");
    }

    @Test
    @Order(12)
    void signingInAndSortingWorkFromTheKeyboard() {
        signIn();
        driver.findElement(By.id("logout")).click();
        browser.waitFor(By.id("username"));
        // The skip link is the first stop of the Tab order, and shows itself when it has the focus.
        Object skip = ((JavascriptExecutor) driver).executeScript("""
                const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]');
                first.focus();
                const box = first.getBoundingClientRect();
                return first.textContent.trim() + '|' + (box.top >= 0 && box.bottom <= innerHeight && box.width > 0);""");
        assertEquals("Skip to content|true", skip);
        // The sign-in form is focused on arrival (autofocus), and Tab and Enter do the rest.
        driver.findElement(By.id("username")).click();
        driver.switchTo().activeElement().sendKeys(LoadstackUnderTest.ADMIN, Keys.TAB);
        assertEquals("password", driver.switchTo().activeElement().getAttribute("id"), "Tab goes from the user name to the password");
        driver.switchTo().activeElement().sendKeys(LoadstackUnderTest.ADMIN_PASSWORD, Keys.ENTER);
        browser.waitFor(By.cssSelector("#runs table"));

        go("#/runs/" + candidate);
        browser.waitFor(By.cssSelector("#endpoints th[data-key='p95'] button"));
        // The page draws its tables again as its data arrives, so Enter goes to the button there is now, and only
        // until the table says it is sorted by p95 (a second Enter would turn the order round).
        browser.waitUntil("/checkout first after sorting by p95 with Enter", () -> {
            if ("none".equals(browser.attribute(By.cssSelector("#endpoints th[data-key='p95']"), "aria-sort"))) {
                driver.findElement(By.cssSelector("#endpoints th[data-key='p95'] button")).sendKeys(Keys.ENTER);
            }
            return driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout");
        });
        assertTrue(List.of("ascending", "descending").contains(
                browser.attribute(By.cssSelector("#endpoints th[data-key='p95']"), "aria-sort")), "the sort is announced");
    }

    @Test
    @Order(13)
    void theFormattingIsServiceSupportsSharedFileAndLooksAsOnTheHealthDashboard() throws IOException {
        signIn();
        JavascriptExecutor page = (JavascriptExecutor) driver;
        // The very file the health dashboard serves too (its AccessTest compares it with the same resource).
        for (String file : List.of("js/format.js", "js/dom.js")) {
            Object served = page.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));""", "/assets/" + file);
            try (InputStream shared = getClass().getClassLoader().getResourceAsStream("shared-assets/" + file)) {
                assertTrue(shared != null, "service-support has shared-assets/" + file);
                assertEquals(new String(shared.readAllBytes(), StandardCharsets.UTF_8), served, file + " through nginx");
            }
        }
        // The strings the health dashboard's browser test reads off its cards for the same numbers.
        Object shown = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/assets/js/format.js')
                  .then(f => done([f.duration(7200), f.percent(0.25), f.bytes(52428800), f.bytes(1000000), f.count(0)].join('|')))
                  .catch(e => done(String(e)));""");
        assertEquals("2 h 00 m|25 %|50 MiB|976.6 KiB|0", shown);
    }

    private Path downloaded(String extension) {
        Optional<Path>[] found = new Optional[] {Optional.empty()};
        browser.waitUntil("a downloaded " + extension, () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                found[0] = files.filter(p -> p.toString().endsWith(extension)).findFirst();
                return found[0].isPresent();
            } catch (IOException e) {
                return false;
            }
        });
        return found[0].orElseThrow();
    }

}
