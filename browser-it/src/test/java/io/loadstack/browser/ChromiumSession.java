package io.loadstack.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Debian's headless Chromium on the dashboard behind nginx, signed in as the admin: waits that explain what
 * the page showed when they fail, and whole-page screenshots to target/screenshots for a person to look at.
 */
final class ChromiumSession implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final LoadstackUnderTest loadstack;

    private ChromiumSession(WebDriver driver, LoadstackUnderTest loadstack) {
        this.driver = driver;
        this.loadstack = loadstack;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** @param downloads where the browser saves what the page downloads, without asking; null for its default */
    static ChromiumSession open(LoadstackUnderTest loadstack, Path downloads) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,1000");
        // nginx's certificate is the self-signed one the image makes at its first start.
        options.setAcceptInsecureCerts(true);
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 1000));
        return new ChromiumSession(driver, loadstack);
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads the page afresh, even when the browser is on it already (a same-URL get only scrolls to the hash). */
    void go(String hash) {
        String url = loadstack.browserUrl() + "/" + hash;
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
    }

    /** Opens a page of the dashboard, signing in first when the browser has no session. */
    void signedIn(String hash) {
        go(hash);
        Object session = ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('loadstack.session');");
        if (session == null) {
            go("#/login");
            waitFor(By.id("username")).sendKeys(LoadstackUnderTest.ADMIN);
            driver.findElement(By.id("password")).sendKeys(LoadstackUnderTest.ADMIN_PASSWORD);
            driver.findElement(By.id("sign-in")).click();
            waitFor(By.id("who"));
            go(hash);
        }
    }

    WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("waited for " + by + " (page: " + driver.findElement(By.tagName("main")).getText()
                    + ") on " + driver.getCurrentUrl() + "; browser log: " + browserLog(), e);
        }
    }

    void waitUntil(String what, Supplier<Boolean> condition) {
        try {
            // The page re-renders what it updates: an element found a moment ago may be gone, or not drawn yet.
            new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchElementException.class).ignoring(ElementNotInteractableException.class)
                    .until(d -> condition.get());
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("waited for " + what + " on " + driver.getCurrentUrl() + " (page: "
                    + driver.findElement(By.tagName("main")).getText() + "); browser log: " + browserLog()
                    + "\n" + loadstack.logs(), e);
        }
    }

    /**
     * Reads what the page shows now. The live pages draw their rows anew on every refresh, so an element found a
     * moment ago may be gone when it is read: the read starts again from a fresh find.
     */
    <T> T fresh(Supplier<T> read) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> Optional.ofNullable(read.get())).orElse(null);
    }

    /** The text of the element the selector finds now (see {@link #fresh}). */
    String text(By by) {
        return fresh(() -> driver.findElement(by).getText());
    }

    /** An attribute of the element the selector finds now (see {@link #fresh}). */
    String attribute(By by, String name) {
        return fresh(() -> driver.findElement(by).getAttribute(name));
    }

    String browserLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList().toString();
        } catch (RuntimeException e) {
            return "(unavailable)";
        }
    }

    /** The whole page, not just the window: the window grows to the page's height for the picture. */
    void screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new Dimension(before.getWidth(),
                    Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140))));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
