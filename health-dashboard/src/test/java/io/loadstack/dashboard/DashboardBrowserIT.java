package io.loadstack.dashboard;

import io.loadstack.testsupport.Rfc6238;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in Debian's chromium: sign in, see one card per service with its chart and its numbers formatted
 * as on the api-service's page, watch a card turn DOWN without a reload when its service stops, reload to the
 * stored history, sign out. Screenshots go to target/screenshots/ (a CI artifact).
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void signInSeeTheCardsAndWatchAStoppedServiceTurnDown() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        try (TestDatabase database = TestDatabase.fresh("DashboardBrowserIT");
             FakeService web1 = new FakeService().uptime(3600);
             FakeService web2 = new FakeService().uptime(7200)) {
            DashboardTestSupport.createUsers(database);
            Map<String, Object> properties = DashboardTestSupport.properties(database,
                    "appserver1=" + web1.url() + ",appserver2=" + web2.url());
            properties.put("loadstack.dashboard.poll-interval", "1s");
            try (EmbeddedServer dashboard = ApplicationContext.run(EmbeddedServer.class, properties)) {
                WebDriver browser = chromium();
                try {
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                    browser.get(dashboard.getURL().toString());
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                    screenshot(browser, "health-dashboard-sign-in.png");
                    browser.findElement(By.id("username")).sendKeys(DashboardTestSupport.USER);
                    browser.findElement(By.id("password")).sendKeys("wrong");
                    browser.findElement(By.id("login-button")).click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong username or password"));

                    browser.findElement(By.id("password")).clear();
                    browser.findElement(By.id("password")).sendKeys(DashboardTestSupport.PASSWORD);
                    browser.findElement(By.id("login-button")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("appserver1", "UP")));
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("appserver2", "UP")));
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("database", "UP")));
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "live"));
                    // uPlot draws into a canvas once the card has points.
                    wait.until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("[data-service='appserver1'] .chart canvas")));
                    // The numbers look as on the api-service's page: the same format.js (service-support).
                    assertEquals("2 h 00 m", field(browser, "appserver2", "uptime"));
                    assertEquals("1 h 00 m", field(browser, "appserver1", "uptime"));
                    assertEquals("25 % / 50 %", field(browser, "appserver1", "cpu"));
                    assertEquals("976.6 KiB / 3.8 MiB, 50 MiB", field(browser, "appserver1", "memory"));
                    assertEquals("0", field(browser, "appserver1", "restarts"));
                    screenshot(browser, "health-dashboard-all-up.png");

                    long stopped = System.nanoTime();
                    web1.stop();
                    new WebDriverWait(browser, Duration.ofSeconds(5))
                            .until(ExpectedConditions.presenceOfElementLocated(card("appserver1", "DOWN")));
                    long millis = (System.nanoTime() - stopped) / 1_000_000;
                    System.out.printf("card appserver1 DOWN in the browser %d ms after its service stopped%n", millis);
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "appserver1 is DOWN"));
                    assertTrue(browser.findElement(By.cssSelector("[data-service='appserver1'] .detail")).getText()
                            .contains("connection refused"));
                    assertEquals(1, browser.findElements(card("appserver2", "UP")).size(), "the other card stays UP");
                    screenshot(browser, "health-dashboard-appserver1-down.png");

                    web1.start();
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("appserver1", "UP")));
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "appserver1 is UP again"));

                    // A reload keeps the session and draws the stored history and events before any live update.
                    int pointsBefore = points(browser);
                    browser.navigate().refresh();
                    wait.until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("[data-service='appserver1'] .chart canvas")));
                    assertTrue(points(browser) >= pointsBefore, "history: " + points(browser) + " < " + pointsBefore);
                    assertTrue(browser.findElement(By.id("events")).getText().contains("appserver1 is DOWN"));
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "live"));

                    browser.findElement(By.id("logout")).click();
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                    assertEquals("offline", browser.findElement(By.id("connection")).getText(), "the websocket is closed");
                    List<String> scriptErrors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(LogEntry::getMessage).filter(m -> m.contains("Uncaught")).toList();
                    assertTrue(scriptErrors.isEmpty(), "the page's scripts ran without errors: " + scriptErrors);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    @Test
    void aRequiredSecondFactorIsSetUpAtSignInAndAskedForAfterwards() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        try (TestDatabase database = TestDatabase.fresh("DashboardMfaBrowserIT");
             FakeService web1 = new FakeService().uptime(3600)) {
            DashboardTestSupport.createUsers(database);
            database.update("UPDATE mfa_policy SET requirement = 'EVERYONE'");
            Map<String, Object> properties = DashboardTestSupport.properties(database, "appserver1=" + web1.url());
            try (EmbeddedServer dashboard = ApplicationContext.run(EmbeddedServer.class, properties)) {
                WebDriver browser = chromium();
                try {
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                    browser.get(dashboard.getURL().toString());
                    signIn(browser, wait);
                    WebElement qr = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#mfa-enroll #mfa-qr")));
                    assertTrue(qr.getAttribute("src").startsWith("data:image/svg+xml"), "the QR code drawn by Loadstack");
                    String secret = browser.findElement(By.id("mfa-secret")).getText();
                    screenshot(browser, "health-dashboard-mfa-enrollment.png");
                    browser.findElement(By.id("mfa-enroll-code")).sendKeys(Rfc6238.code(secret, Instant.now()));
                    browser.findElement(By.id("mfa-enroll-confirm")).click();
                    wait.until(d -> d.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
                    browser.findElement(By.id("recovery-continue")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("appserver1", "UP")));

                    browser.findElement(By.id("logout")).click();
                    signIn(browser, wait);
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-code")))
                            .sendKeys(Rfc6238.code(secret, Instant.now().plusSeconds(30)));
                    screenshot(browser, "health-dashboard-mfa-code.png");
                    browser.findElement(By.id("mfa-verify")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(card("appserver1", "UP")));
                    assertEquals(DashboardTestSupport.USER, browser.findElement(By.id("who")).getText());
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private static void signIn(WebDriver browser, WebDriverWait wait) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(DashboardTestSupport.USER);
        browser.findElement(By.id("password")).sendKeys(DashboardTestSupport.PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    private static String field(WebDriver browser, String service, String field) {
        return browser.findElement(By.cssSelector("[data-service='" + service + "'] [data-field='" + field + "']")).getText();
    }

    private static int points(WebDriver browser) {
        return Integer.parseInt(browser.findElement(By.cssSelector("[data-service='appserver1'] .chart")).getAttribute("data-points"));
    }

    private static By card(String name, String status) {
        return By.cssSelector("[data-service='" + name + "'][data-status='" + status + "']");
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
