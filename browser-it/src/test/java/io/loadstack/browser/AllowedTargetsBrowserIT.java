package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Allowed targets page in a real Chromium through nginx, in front of the packaged services: an admin reads the
 * seeded list, is told which entry is wrong, saves a new list, and a launch from the form to a target outside it
 * is refused with the API's message, which says who can allow it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllowedTargetsBrowserIT {

    private LoadstackUnderTest loadstack;
    private ChromiumSession browser;
    private WebDriver driver;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(ChromiumSession.available(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        assumeTrue(Files.isExecutable(io.loadstack.testsupport.NginxFrontDoor.NGINX), "browser tests need Debian's nginx");
        loadstack = LoadstackUnderTest.start("AllowedTargetsBrowserIT", Map.of("LOADSTACK_ALLOWED_TARGETS", "shop.internal,localhost",
                "LOADSTACK_LAUNCHES_PROVISION_CLAIM_TIMEOUT", "300s"));
        HttpCall.Response plan = new MultipartForm().text("name", "checkout").text("generator", "locust")
                .file("main", "locustfile.py", ("from locust import HttpUser, task\n\n\nclass U(HttpUser):\n    @task\n"
                        + "    def home(self):\n        self.client.get(\"/\")\n").getBytes(StandardCharsets.UTF_8))
                .post(loadstack.apiUrl() + "/api/plans").bearer(loadstack.adminJwt()).send();
        assertEquals(201, plan.status(), plan.toString());
        browser = ChromiumSession.open(loadstack);
        driver = browser.driver();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (loadstack != null) {
            loadstack.close();
        }
    }

    @Test
    @Order(1)
    void anAdminReadsTheSeededListIsToldWhichEntryIsWrongAndSavesANewOne() {
        browser.signedIn("#/targets");
        WebElement entries = browser.waitFor(By.id("targets-entries"));
        assertEquals("shop.internal\nlocalhost", entries.getAttribute("value"));
        assertTrue(driver.findElement(By.id("targets-changed")).getText().contains("LOADSTACK_ALLOWED_TARGETS"));
        assertEquals("page", driver.findElement(By.cssSelector("nav a[data-nav='targets']")).getAttribute("aria-current"));

        type(entries, "shop.internal\nhttp://staging.shop.internal\n");
        driver.findElement(By.id("targets-save")).click();
        String error = browser.waitFor(By.cssSelector("#targets-message .notice.error")).getText();
        assertTrue(error.contains("'http://staging.shop.internal'") && error.contains("not a host"), error);
        browser.screenshot("targets-bad-entry");

        type(entries, "shop.internal\n\n*.staging.shop.internal:8443\n10.20.0.0/16");
        driver.findElement(By.id("targets-save")).click();
        browser.waitUntil("the list saved", () -> driver.findElement(By.id("targets-message")).getText().contains("Saved: 3 allowed targets"));
        assertEquals("shop.internal\n*.staging.shop.internal:8443\n10.20.0.0/16", entries.getAttribute("value"));
        assertTrue(driver.findElement(By.id("targets-changed")).getText().contains("by " + LoadstackUnderTest.ADMIN));
        browser.screenshot("targets-saved");

        HttpCall.Response stored = HttpCall.get(loadstack.apiUrl() + "/api/allowed-targets").bearer(loadstack.adminJwt()).send();
        assertEquals(List.of("shop.internal", "*.staging.shop.internal:8443", "10.20.0.0/16"), stored.json().get("targets"));
    }

    @Test
    @Order(2)
    void aLaunchFromTheFormToATargetOutsideTheListShowsWhoCanAllowIt() {
        browser.signedIn("#/launches/new");
        new Select(browser.waitFor(By.id("launch-provision"))).selectByValue("docker");
        type(browser.waitFor(By.id("launch-provision-regions")), "eu=1");
        type(driver.findElement(By.id("launch-users")), "1");
        type(driver.findElement(By.id("launch-duration")), "60");
        // localhost was allowed by the seed, and is no longer
        type(driver.findElement(By.id("launch-target")), "http://localhost:8089");
        driver.findElement(By.id("launch-submit")).click();
        String error = browser.waitFor(By.cssSelector("#launch-message .notice.error")).getText();
        assertTrue(error.contains("http://localhost:8089") && error.contains("not on the allowed targets")
                && error.contains("An admin can allow it on the Allowed targets page"), error);
        assertTrue(driver.getCurrentUrl().contains("#/launches/new"), "the form stays: " + driver.getCurrentUrl());
        browser.screenshot("targets-launch-refused");

        type(driver.findElement(By.id("launch-target")), "https://eu.staging.shop.internal:8443");
        driver.findElement(By.id("launch-submit")).click();
        browser.waitUntil("the new launch's page", () -> driver.getCurrentUrl().matches(".*#/launches/\\d+$"));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
