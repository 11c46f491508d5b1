package io.loadstack.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A launch whose agents are started for it, asked for from the form in a real Chromium: its page lists the
 * containers the launch asked for, follows the states a provisioner records (written here into MySQL as the
 * provisioner writes them, since this test runs no Docker) and shows the provisioner's reason when it fails.
 * The provisioner with a real Docker engine is e2e/run's steps 10 and 11.
 */
class ProvisionedLaunchBrowserIT extends BrowserTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("LOADSTACK_ALLOWED_TARGETS", "shop.internal", "LOADSTACK_LAUNCHES_PROVISION_CLAIM_TIMEOUT", "300s");
    }

    @Override
    protected void beforeBrowser() throws Exception {
        loadstack.uploadLocustPlan("checkout");
    }

    @Test
    void theLaunchPageFollowsTheContainersStartedForItAndSaysWhyProvisioningFailed() {
        browser.signedIn("#/launches/new");
        new Select(browser.waitFor(By.id("launch-provision"))).selectByValue("docker");
        WebElement regions = browser.waitFor(By.id("launch-provision-regions"));
        assertTrue(regions.isDisplayed());
        type(regions, "eu=2");
        type(driver.findElement(By.id("launch-users")), "4");
        type(driver.findElement(By.id("launch-duration")), "60");
        type(driver.findElement(By.id("launch-target")), "http://shop.internal");
        driver.findElement(By.id("launch-submit")).click();
        browser.waitUntil("the new launch's page", () -> driver.getCurrentUrl().matches(".*#/launches/\\d+$"));
        Matcher m = Pattern.compile("#/launches/(\\d+)$").matcher(driver.getCurrentUrl());
        assertTrue(m.find());
        long id = Long.parseLong(m.group(1));
        String first = "l" + id + "-eu-1";
        String second = "l" + id + "-eu-2";

        browser.waitFor(By.cssSelector("#launch-containers-section:not([hidden])"));
        browser.waitUntil("two REQUESTED containers", () -> states().equals(List.of("REQUESTED", "REQUESTED")));
        assertTrue(browser.text(By.id("launch-meta")).contains("agents started on Docker"));
        assertEquals(List.of(first, second), browser.fresh(() -> driver.findElements(By.cssSelector("#launch-containers tbody tr[data-name]"))
                .stream().map(row -> row.getAttribute("data-name")).toList()));

        // What the provisioner writes as Docker's events come in.
        update("UPDATE provision_requests SET status = 'CLAIMED', claimed_by = 'provisioner-1' WHERE launch_id = ?", id);
        update("UPDATE provision_agents SET state = 'RUNNING', container_id = ?, detail = 'started' WHERE launch_id = ? AND agent_name = ?",
                "4f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0", id, first);
        update("UPDATE provision_agents SET state = 'EXITED', detail = 'exit code 137 (out of memory?)' WHERE launch_id = ? AND agent_name = ?",
                id, second);
        browser.waitUntil("the containers' new states", () -> states().equals(List.of("RUNNING", "EXITED")));
        assertEquals("4f1c2d3e4b5a", cell(first, "container"), "the short id, as docker ps shows it");
        assertEquals("exit code 137 (out of memory?)", cell(second, "detail"));
        browser.screenshot("provisioned-launch-containers");

        update("UPDATE provision_requests SET status = 'FAILED', reason = 'container l" + id + "-eu-2 exited (137)' WHERE launch_id = ?", id);
        browser.waitUntil("the launch FAILED", () -> "FAILED".equals(browser.attribute(By.id("launch-status"), "data-status")));
        String status = browser.text(By.id("launch-status"));
        assertTrue(status.contains("provisioning failed: container l" + id + "-eu-2 exited (137)"), status);
        browser.screenshot("provisioned-launch-failed");
    }

    private List<String> states() {
        return driver.findElements(By.cssSelector("#launch-containers tbody tr[data-state]")).stream()
                .map(row -> row.getAttribute("data-state")).toList();
    }

    private String cell(String name, String field) {
        return browser.text(By.cssSelector("#launch-containers tr[data-name='" + name + "'] [data-field='" + field + "']"));
    }

    private void update(String sql, Object... parameters) {
        assertTrue(loadstack.database().update(sql, parameters) >= 1, sql);
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
