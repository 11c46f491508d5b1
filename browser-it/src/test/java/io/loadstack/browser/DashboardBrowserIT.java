package io.loadstack.browser;

import io.loadstack.testsupport.NginxFrontDoor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real (headless) Chromium, through nginx with the shipped configuration, in front of
 * the packaged api-service and consumer-service: what a user sees and does. Every run on screen was made
 * through the ingestion API, and a running run's numbers arrive over the consumer's websocket. Screenshots
 * of each page go to target/screenshots for a person to look at (CI keeps them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LoadstackUnderTest loadstack;
    private IngestionClient ingestion;
    private WebDriver driver;
    private Path downloads;
    private String baseline;
    private String candidate;
    private String live;

    @BeforeAll
    void startLoadstackAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        assumeTrue(Files.isExecutable(NginxFrontDoor.NGINX), "browser tests need Debian's nginx (apt-get install nginx)");
        loadstack = LoadstackUnderTest.start();
        ingestion = loadstack.ingestion();
        Files.createDirectories(SCREENSHOTS);
        downloads = Files.createTempDirectory("loadstack-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,1000");
        // nginx's certificate is the self-signed one the image makes at its first start.
        options.setAcceptInsecureCerts(true);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 1000));

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

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (loadstack != null) {
            loadstack.close();
        }
    }

    private String url(String path) {
        return loadstack.browserUrl() + path;
    }

    private WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("waited for " + by + " (page: " + driver.findElement(By.tagName("main")).getText() + ") on " + driver.getCurrentUrl() + "; browser log: " + browserLog(), e);
        }
    }

    private void waitUntil(String what, java.util.function.Supplier<Boolean> condition) {
        try {
            // The page re-renders what it updates: an element found a moment ago may be gone by now.
            new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchElementException.class).ignoring(ElementNotInteractableException.class).until(d -> condition.get());
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("waited for " + what + " on " + driver.getCurrentUrl() + "; browser log: " + browserLog()
                    + "\n" + loadstack.logs(), e);
        }
    }

    private String browserLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList().toString();
        } catch (RuntimeException e) {
            return "(unavailable)";
        }
    }

    /** The whole page, not just the window: the window grows to the page's height for the picture. */
    private void screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140))));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private void go(String hash) {
        driver.get(url("/" + hash));
    }

    private void signIn() {
        go("#/runs");
        if (!driver.findElements(By.id("username")).isEmpty() && driver.findElement(By.id("username")).isDisplayed()) {
            waitFor(By.id("username")).sendKeys(LoadstackUnderTest.ADMIN);
            driver.findElement(By.id("password")).sendKeys(LoadstackUnderTest.ADMIN_PASSWORD);
            driver.findElement(By.id("sign-in")).click();
            waitFor(By.cssSelector("#runs table"));
        }
    }

    @Test
    @Order(1)
    void signingInLeadsToTheRunList() {
        go("");
        WebElement username = waitFor(By.id("username"));
        assertTrue(driver.getCurrentUrl().endsWith("#/login"), driver.getCurrentUrl());
        username.sendKeys(LoadstackUnderTest.ADMIN);
        driver.findElement(By.id("password")).sendKeys("wrong-password");
        driver.findElement(By.id("sign-in")).click();
        assertTrue(waitFor(By.cssSelector("#login-error .notice")).getText().contains("Wrong username or password"));
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(LoadstackUnderTest.ADMIN_PASSWORD);
        screenshot("01-login");
        driver.findElement(By.id("sign-in")).click();
        waitFor(By.cssSelector("#runs table"));
        assertTrue(driver.getCurrentUrl().endsWith("#/runs"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("who")).getText().startsWith("admin"));
    }

    @Test
    @Order(2)
    void aRunAppearsInTheListWithItsNumbers() {
        signIn();
        WebElement row = waitFor(By.cssSelector("tr[data-uuid='" + baseline + "']"));
        assertTrue(row.getText().contains("checkout baseline"), row.getText());
        assertTrue(row.getText().contains("COMPLETED"));
        assertTrue(row.getText().contains("env: staging"));
        assertEquals("12k", row.findElement(By.cssSelector("[data-field='requests']")).getText(), "8 × 1500 requests");
        assertEquals("1 %", row.findElement(By.cssSelector("[data-field='errorRate']")).getText());
        assertEquals("120 ms", row.findElement(By.cssSelector("[data-field='p95']")).getText());
        assertTrue(driver.findElement(By.cssSelector("tr[data-uuid='" + live + "']")).getText().contains("RUNNING"));
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
        screenshot("02-runs");

        driver.findElement(By.id("f-status")).sendKeys("RUNNING");
        driver.findElement(By.id("f-q")).sendKeys("soak\n");
        waitUntil("the filtered list", () -> driver.findElements(By.cssSelector("#runs tbody tr")).size() == 1);
        assertTrue(driver.getCurrentUrl().contains("status=RUNNING"));
    }

    @Test
    @Order(3)
    void theDetailShowsSummaryChartsEndpointsAndErrors() {
        signIn();
        go("#/runs/" + candidate);
        WebElement rpsChart = waitFor(By.cssSelector("#chart-rps canvas"));
        assertTrue(rpsChart.getSize().getWidth() > 200);
        int records = ingestion.series(candidate).size();
        assertTrue(records >= 2, "the writer stored a record before the second stats post and one at the commit: " + records);
        for (String chart : List.of("chart-rps", "chart-latency", "chart-errors", "chart-users")) {
            assertEquals(Integer.toString(records), driver.findElement(By.id(chart)).getAttribute("data-points"),
                    chart + " has a point per stored record");
        }
        assertEquals("checkout candidate", driver.findElement(By.id("run-name")).getText());
        assertEquals("12k", driver.findElement(By.id("card-requests")).getText());
        assertEquals("6 %", driver.findElement(By.id("card-errorRate")).getText());
        assertEquals("190 ms", driver.findElement(By.id("card-p95")).getText());
        assertEquals("50", driver.findElement(By.id("card-users")).getText(), "the peak, not the count at the end");
        assertTrue(driver.findElements(By.id("sub-users")).isEmpty(), "no count now for a finished run");
        assertTrue(driver.findElement(By.id("run-meta")).getText().contains("by admin"));
        List<WebElement> endpoints = driver.findElements(By.cssSelector("#endpoints tbody tr"));
        assertEquals(2, endpoints.size());
        assertTrue(endpoints.get(0).getText().contains("/cart"), "busiest first");
        // Sorting by p95 puts /checkout (the slower one) first.
        driver.findElement(By.cssSelector("#endpoints th[data-key='p95'] button")).click();
        assertTrue(driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout"));
        assertTrue(driver.findElement(By.cssSelector("#errors tbody")).getText().contains("503"));
        screenshot("03-run-detail");
    }

    @Test
    @Order(4)
    void aRunningRunsNumbersChangeWithoutReload() throws InterruptedException {
        signIn();
        go("#/runs/" + live);
        waitFor(By.id("card-requests"));
        // The cards are re-drawn as data arrives: read them through waitUntil, which retries a stale element.
        waitUntil("the first report's 1.8k requests", () -> driver.findElement(By.id("card-requests")).getText().equals("1.8k"));
        waitFor(By.cssSelector("#chart-rps canvas"));
        int pointsBefore = Integer.parseInt(driver.findElement(By.id("chart-rps")).getAttribute("data-points"));
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 'same page';");
        // The consumer's websocket (through nginx, wss) streams the run's snapshots to the open page.
        waitUntil("the websocket's first snapshot", () -> driver.findElement(By.id("live-note")).getText().startsWith("live"));
        waitUntil("50 users at the peak and now", () -> driver.findElement(By.id("card-users")).getText().equals("50")
                && driver.findElement(By.id("sub-users")).getText().equals("now 50"));

        ingestion.stats(live, 2, 80, 5400, 54, 80);
        waitUntil("the new total", () -> driver.findElement(By.id("card-requests")).getText().equals("7.2k"));
        waitUntil("80 users", () -> driver.findElement(By.id("card-users")).getText().equals("80")
                && driver.findElement(By.id("sub-users")).getText().equals("now 80"));
        waitUntil("0.75 % errors (54 of 7200)", () -> driver.findElement(By.id("card-errorRate")).getText().equals("0.75 %"));
        waitUntil("54 failed", () -> driver.findElement(By.id("sub-requests")).getText().equals("54 failed"));
        waitUntil("a new point on the charts", () -> Integer.parseInt(driver.findElement(By.id("chart-rps")).getAttribute("data-points")) > pointsBefore);

        ingestion.stats(live, 3, 60, 300, 0, 80);
        waitUntil("the new total", () -> driver.findElement(By.id("card-requests")).getText().equals("7.5k"));
        waitUntil("the peak stays at 80 with 60 users now", () -> driver.findElement(By.id("card-users")).getText().equals("80")
                && driver.findElement(By.id("sub-users")).getText().equals("now 60"));
        assertEquals("same page", ((JavascriptExecutor) driver).executeScript("return window.__noReload;"), "no reload");
        assertTrue(driver.findElement(By.id("run-status")).getText().contains("RUNNING"));
        screenshot("04-run-live");

        // The running run's tables are drawn again as its records arrive; the order the reader chose stays.
        driver.findElement(By.cssSelector("#endpoints th[data-key='name'] button")).click();
        waitUntil("the endpoints sorted by name", () -> "descending".equals(
                driver.findElement(By.cssSelector("#endpoints th[data-key='name']")).getAttribute("aria-sort")));
        ((JavascriptExecutor) driver).executeScript("document.querySelector('#endpoints table').dataset.drawn = 'before';");
        waitUntil("the endpoints drawn again, still by name", () ->
                !"before".equals(driver.findElement(By.cssSelector("#endpoints table")).getAttribute("data-drawn"))
                        && "descending".equals(driver.findElement(By.cssSelector("#endpoints th[data-key='name']")).getAttribute("aria-sort"))
                        && driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout"));

        // The list's RUNNING rows follow the stored records.
        go("#/runs");
        ingestion.awaitStored(live, 7500);
        waitUntil("the list's running row to show 7.5k", () -> driver.findElement(
                By.cssSelector("tr[data-uuid='" + live + "'] [data-field='requests']")).getText().equals("7.5k"));
        ingestion.stats(live, 4, 80, 12_900, 0, 80);
        waitUntil("the list's running row to update", () -> driver.findElement(
                By.cssSelector("tr[data-uuid='" + live + "'] [data-field='requests']")).getText().equals("20k"));
    }

    @Test
    @Order(5)
    void compareOverlaysTwoRunsAndHighlightsRegressions() {
        signIn();
        go("#/runs");
        driver.findElement(By.cssSelector("tr[data-uuid='" + baseline + "'] input[type=checkbox]")).click();
        driver.findElement(By.cssSelector("tr[data-uuid='" + candidate + "'] input[type=checkbox]")).click();
        driver.findElement(By.id("compare-selected")).click();
        waitFor(By.cssSelector("#compare-runs tbody tr"));
        List<WebElement> runs = driver.findElements(By.cssSelector("#compare-runs tbody tr"));
        assertEquals(2, runs.size());
        waitFor(By.cssSelector("#compare-p95 canvas"));
        String legend = driver.findElement(By.id("compare-p95")).getText();
        assertTrue(legend.contains("checkout baseline") || legend.contains("checkout candidate"), legend);
        assertFalse(driver.findElements(By.cssSelector("tr.regression")).isEmpty(), "a slower run with more errors is flagged");
        assertTrue(driver.findElement(By.cssSelector("tr.regression")).getText().contains("regression"));
        screenshot("05-compare");
    }

    @Test
    @Order(6)
    void aNewTokenIsShownOnceWithSnippetsThatContainIt() {
        signIn();
        go("#/tokens");
        waitFor(By.id("token-name")).sendKeys("browser test");
        driver.findElement(By.id("create-token")).click();
        String token = waitFor(By.id("new-token")).getText();
        assertTrue(token.startsWith("lst_"), token);
        List<WebElement> snippets = driver.findElements(By.cssSelector("pre.snippet"));
        assertEquals(4, snippets.size());
        for (WebElement snippet : snippets) {
            String text = snippet.getAttribute("textContent");
            assertTrue(text.contains(token), snippet.getAttribute("data-tool") + " snippet has the token");
            assertTrue(text.contains(loadstack.browserUrl()), "and this server's address (nginx's)");
        }
        waitUntil("the list", () -> driver.findElement(By.id("token-list")).getText().contains("browser test"));
        screenshot("06-tokens");
        driver.navigate().refresh();
        waitUntil("the list after reload", () -> driver.findElement(By.id("token-list")).getText().contains("browser test"));
        assertFalse(driver.getPageSource().contains(token), "shown once only");
    }

    @Test
    @Order(7)
    void csvAndHtmlExportsDownloadAndContainTheRun() throws IOException {
        signIn();
        go("#/runs/" + baseline);
        waitFor(By.id("export-csv")).click();
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
        waitFor(By.cssSelector(".chart canvas"));
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("checkout baseline"));
        assertEquals(4, driver.findElements(By.cssSelector(".chart canvas")).size());
        screenshot("07-html-report");
    }

    @Test
    @Order(8)
    void adminsManageUsers() {
        signIn();
        go("#/users");
        waitFor(By.id("new-username")).sendKeys("colleague");
        driver.findElement(By.id("new-password")).sendKeys("colleague-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil("the new user", () -> driver.findElement(By.id("user-list")).getText().contains("colleague"));
        List<String> scriptErrors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Uncaught")).toList();
        assertTrue(scriptErrors.isEmpty(), "the page's scripts ran without errors: " + scriptErrors);
        screenshot("08-users");
    }

    @Test
    @Order(9)
    void anExpiredSessionGoesBackToSignInWithAMessage() {
        signIn();
        ((JavascriptExecutor) driver).executeScript("""
                const s = JSON.parse(sessionStorage.getItem('loadstack.session'));
                s.token = 'expired.' + s.token; sessionStorage.setItem('loadstack.session', JSON.stringify(s));""");
        go("#/tokens");
        WebElement message = waitFor(By.cssSelector(".login .notice"));
        assertTrue(message.getText().contains("expired"), message.getText());
        screenshot("09-session-expired");
    }

    @Test
    @Order(10)
    void narrowScreensAndDarkModeStayReadable() {
        signIn();
        driver.manage().window().setSize(new Dimension(390, 844));
        go("#/runs/" + candidate);
        waitFor(By.cssSelector("#chart-rps canvas"));
        Number pageWidth = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
        assertTrue(pageWidth.intValue() <= 400, "no sideways scrolling of the page: " + pageWidth);
        screenshot("10-run-detail-phone");
        driver.manage().window().setSize(new Dimension(1366, 1000));

        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        // The page stays open across the switch: the charts repaint in the dark palette.
        driver.navigate().refresh();
        go("#/runs");
        waitFor(By.cssSelector("#runs table"));
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        go("#/runs/" + candidate);
        waitFor(By.cssSelector("#chart-rps canvas"));
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        waitFor(By.cssSelector("#chart-rps canvas"));
        String background = (String) ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("rgb(15, 19, 24)", background, "the dark palette follows the system setting");
        screenshot("11-run-detail-dark");
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    @Test
    @Order(11)
    void aWatchedRunThatIsCommittedTurnsCompletedWithoutReload() {
        signIn();
        go("#/runs/" + live);
        waitUntil("the websocket's snapshots", () -> driver.findElement(By.id("live-note")).getText().startsWith("live"));
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 'same page';");

        ingestion.commit(live);
        waitUntil("the COMPLETED badge", () -> driver.findElement(By.id("run-status")).getText().contains("COMPLETED"));
        assertEquals("same page", ((JavascriptExecutor) driver).executeScript("return window.__noReload;"), "no reload");
        waitUntil("the final 20k requests", () -> driver.findElement(By.id("card-requests")).getText().equals("20k"));
        waitUntil("the peak of 80 users, without a count now", () -> driver.findElement(By.id("card-users")).getText().equals("80")
                && driver.findElements(By.id("sub-users")).isEmpty());
        waitUntil("the end time", () -> driver.findElement(By.id("run-meta")).getText().contains("ended"));
        // nginx logs a websocket when it closes, which the page did at the run's end.
        waitUntil("the websocket in nginx's access log", () -> loadstack.nginxAccessLog().contains("/ws/runs/" + live));
        String socketLine = loadstack.nginxAccessLog().lines().filter(l -> l.contains("/ws/runs/" + live)).findFirst().orElseThrow();
        assertTrue(socketLine.contains("?token=*** HTTP/1.1\" 101 "), "upgraded through nginx, the JWT kept out of the log: " + socketLine);
        screenshot("12-run-finished-live");
    }

    @Test
    @Order(12)
    void signingInAndSortingWorkFromTheKeyboard() {
        signIn();
        driver.findElement(By.id("logout")).click();
        waitFor(By.id("username"));
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
        waitFor(By.cssSelector("#runs table"));

        go("#/runs/" + candidate);
        waitFor(By.cssSelector("#endpoints th[data-key='p95'] button"));
        // The page draws its tables again as its data arrives, so Enter goes to the button there is now, and only
        // until the table says it is sorted by p95 (a second Enter would turn the order round).
        waitUntil("/checkout first after sorting by p95 with Enter", () -> {
            if ("none".equals(driver.findElement(By.cssSelector("#endpoints th[data-key='p95']")).getAttribute("aria-sort"))) {
                driver.findElement(By.cssSelector("#endpoints th[data-key='p95'] button")).sendKeys(Keys.ENTER);
            }
            return driver.findElements(By.cssSelector("#endpoints tbody tr")).get(0).getText().contains("/checkout");
        });
        assertTrue(List.of("ascending", "descending").contains(
                driver.findElement(By.cssSelector("#endpoints th[data-key='p95']")).getAttribute("aria-sort")), "the sort is announced");
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
        waitUntil("a downloaded " + extension, () -> {
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
