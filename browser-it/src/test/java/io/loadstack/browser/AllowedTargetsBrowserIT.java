package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Allowed targets page in a real Chromium through nginx, in front of the packaged services: an admin reads the
 * seeded list, is told which entry is wrong, saves a new list, and a launch from the form to a target outside it
 * is refused with the API's message, which says who can allow it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllowedTargetsBrowserIT extends BrowserTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("LOADSTACK_ALLOWED_TARGETS", "shop.internal,localhost", "LOADSTACK_LAUNCHES_PROVISION_CLAIM_TIMEOUT", "300s");
    }

    @Override
    protected void beforeBrowser() throws Exception {
        loadstack.uploadLocustPlan("checkout");
    }

    @Test
    @Order(1)
    void anAdminReadsTheSeededListIsToldWhichEntryIsWrongAndSavesANewOne() {
        browser.signedIn("#/targets");
        WebElement entries = browser.waitFor(By.id("targets-entries"));
        assertEquals("shop.internal\nlocalhost", entries.getAttribute("value"));
        assertTrue(browser.text(By.id("targets-changed")).contains("LOADSTACK_ALLOWED_TARGETS"));
        assertEquals("page", browser.attribute(By.cssSelector("nav a[data-nav='targets']"), "aria-current"));

        type(entries, "shop.internal\nhttp://staging.shop.internal\n");
        driver.findElement(By.id("targets-save")).click();
        String error = browser.waitFor(By.cssSelector("#targets-message .notice.error")).getText();
        assertTrue(error.contains("'http://staging.shop.internal'") && error.contains("not a host"), error);
        browser.screenshot("targets-bad-entry");

        type(entries, "shop.internal\n\n*.staging.shop.internal:8443\n10.20.0.0/16");
        driver.findElement(By.id("targets-save")).click();
        browser.waitUntil("the list saved", () -> browser.text(By.id("targets-message")).contains("Saved: 3 allowed targets"));
        assertEquals("shop.internal\n*.staging.shop.internal:8443\n10.20.0.0/16", entries.getAttribute("value"));
        assertTrue(browser.text(By.id("targets-changed")).contains("by " + LoadstackUnderTest.ADMIN));
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
