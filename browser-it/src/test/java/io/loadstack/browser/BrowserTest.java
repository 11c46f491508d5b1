package io.loadstack.browser;

import io.loadstack.testsupport.NginxFrontDoor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A browser test's fixture: the packaged services behind the shipped nginx, and Chromium in front, one set per
 * test class. A class names its services' settings ({@link #settings}), what it starts before them (a target, a
 * webhook receiver: {@link #beforeServices}) and what it sets up before the browser opens ({@link #beforeBrowser});
 * the browser and the services are closed after its last test, after the class's own {@code @AfterAll}. Skipped,
 * saying what to install, on a machine without Debian's chromium, chromium-driver or nginx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

    protected LoadstackUnderTest loadstack;
    protected ChromiumSession browser;
    protected WebDriver driver;

    /** Environment variables for the services, on top of LoadstackUnderTest's; none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** What the services need running before they start; nothing by default. */
    protected void beforeServices() throws Exception {
    }

    /** What the class needs in place (users, plans, runs, agents) before the browser opens; nothing by default. */
    protected void beforeBrowser() throws Exception {
    }

    /** Where the browser saves downloads (made by {@link #beforeBrowser}); null: the class downloads nothing. */
    protected Path downloads() {
        return null;
    }

    @BeforeAll
    final void startServicesAndBrowser() throws Exception {
        assumeTrue(ChromiumSession.available(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        assumeTrue(Files.isExecutable(NginxFrontDoor.NGINX), "browser tests need Debian's nginx (apt-get install nginx)");
        beforeServices();
        loadstack = LoadstackUnderTest.start(getClass().getSimpleName(), settings());
        beforeBrowser();
        browser = ChromiumSession.open(loadstack, downloads());
        driver = browser.driver();
    }

    @AfterAll
    final void stopBrowserAndServices() {
        if (browser != null) {
            browser.close();
        }
        if (loadstack != null) {
            loadstack.close();
        }
    }
}
