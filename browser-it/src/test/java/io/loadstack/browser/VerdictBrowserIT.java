package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts in a real Chromium, on runs made through the consumer's ingestion API with thresholds sent at
 * register: the badges of a passing and a failing run on the runs list and the run page, the test page with
 * its trend chart, a threshold set there (and a bad one, shown with a caret under its character), and a
 * baseline pinned from the test's run list, after which the failing run lists its regressions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerdictBrowserIT extends BrowserTest {

    private static final String TEST = "checkout nightly";
    private static final List<String> THRESHOLDS = List.of("p95 < 300ms", "errors < 5%");

    private String passing;
    private String failing;

    @Override
    protected void beforeBrowser() throws Exception {
        IngestionClient ingestion = loadstack.ingestion();

        passing = ingestion.register(TEST, Map.of("env", "staging"), THRESHOLDS);
        ingestion.stats(passing, 1, 50, 3000, 0, 120);
        ingestion.awaitStored(passing, 3000);
        ingestion.commit(passing);
        assertEquals("PASSED", verdict(passing).get("verdict"));

        failing = ingestion.register(TEST, Map.of("env", "staging"), THRESHOLDS);
        ingestion.stats(failing, 1, 50, 3000, 30, 500);
        ingestion.awaitStored(failing, 3000);
        ingestion.commit(failing);
        assertEquals("FAILED", verdict(failing).get("verdict"));
    }

    /** The verdict once the run has ended (the commit ends it; the wait covers the writer's last flush). */
    private Map<String, Object> verdict(String uuid) {
        HttpCall.Response response = HttpCall.get(loadstack.apiUrl() + "/api/runs/" + uuid + "/verdict?wait=60")
                .bearer(loadstack.adminJwt()).send();
        assertEquals(200, response.status(), response.toString());
        return response.json();
    }

    private Map<String, Object> testSettings() {
        HttpCall.Response response = HttpCall.get(loadstack.apiUrl() + "/api/tests/" + encoded(TEST))
                .bearer(loadstack.adminJwt()).send();
        assertEquals(200, response.status(), response.toString());
        return response.json();
    }

    private static String encoded(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String verdictIn(String rowSelector) {
        return browser.attribute(By.cssSelector(rowSelector + " [data-verdict]"), "data-verdict");
    }

    @Test
    @Order(1)
    void theRunsListShowsEachRunsVerdict() {
        browser.signedIn("#/runs");
        browser.waitUntil("the passing run PASSED and the failing one FAILED in the list", () ->
                "PASSED".equals(verdictIn("#runs tr[data-uuid='" + passing + "'] td[data-field='verdict']"))
                        && "FAILED".equals(verdictIn("#runs tr[data-uuid='" + failing + "'] td[data-field='verdict']")));
        browser.screenshot("40-verdict-runs");
    }

    @Test
    @Order(2)
    void theRunPageShowsEachCriterionWithItsMeasuredValue() {
        browser.signedIn("#/runs/" + failing);
        browser.waitUntil("the run page's FAILED verdict", () -> "FAILED".equals(verdictIn("#verdict-badge")));
        List<WebElement> rows = driver.findElements(By.cssSelector("#criteria tbody tr"));
        assertEquals(2, rows.size(), browser.text(By.id("verdict")));
        String p95 = rows.get(0).getText();
        // The histogram's buckets put the measured 500 ms within a few ms of it.
        assertTrue(p95.contains("p95 < 300ms") && p95.matches("(?s).*\\b(49\\d|50\\d) ms\\b.*") && p95.contains("FAILED"), p95);
        assertEquals("false", rows.get(0).getAttribute("data-passed"));
        assertEquals("true", rows.get(1).getAttribute("data-passed"), rows.get(1).getText());
        assertTrue(browser.waitFor(By.id("export-junit")).isDisplayed());
        assertTrue(browser.text(By.id("baseline-note")).contains("no baseline"));
        browser.screenshot("41-verdict-run-failed");

        browser.signedIn("#/runs/" + passing);
        browser.waitUntil("the run page's PASSED verdict", () -> "PASSED".equals(verdictIn("#verdict-badge")));
    }

    @Test
    @Order(3)
    void theTestPageChartsItsRunsWithTheirVerdicts() {
        browser.signedIn("#/runs/" + failing);
        browser.waitFor(By.cssSelector("#run-name a")).click();
        browser.waitUntil("the test page", () -> driver.getCurrentUrl().endsWith("#/tests/" + encoded(TEST)));
        assertEquals(TEST, browser.waitFor(By.id("test-name")).getText());
        browser.waitUntil("the p95 trend over both runs", () ->
                "2".equals(browser.attribute(By.id("trend-p95"), "data-points")));
        assertTrue(driver.findElement(By.cssSelector("#trend-p95 canvas")).isDisplayed());
        assertTrue(driver.findElement(By.id("trend-errors")).isDisplayed());
        assertTrue(driver.findElement(By.id("trend-rps")).isDisplayed());
        assertEquals("FAILED", verdictIn("#history tr[data-uuid='" + failing + "']"));
        assertEquals("PASSED", verdictIn("#history tr[data-uuid='" + passing + "']"));
        browser.screenshot("42-verdict-test-page");

        browser.signedIn("#/tests");
        browser.waitFor(By.cssSelector("#tests-table a[href='#/tests/" + encoded(TEST) + "']"));
    }

    @Test
    @Order(4)
    void aThresholdThatDoesNotParseIsShownAtItsCharacterAndAGoodOneIsSaved() {
        browser.signedIn("#/tests/" + encoded(TEST));
        WebElement field = browser.waitFor(By.id("thresholds"));
        field.clear();
        field.sendKeys("p95 < 250ms", Keys.ENTER, "errors < x");
        driver.findElement(By.id("save-test")).click();
        WebElement problem = browser.waitFor(By.id("thresholds-problem"));
        assertTrue(problem.getText().contains("Line 2, character 10"), problem.getText());
        WebElement caret = problem.findElement(By.cssSelector("pre.caret"));
        assertEquals("errors < x\n         ^", caret.getText().stripTrailing().replace("\r", ""));
        assertEquals(List.of(), testSettings().get("thresholds"), "nothing saved");
        browser.screenshot("43-verdict-threshold-refused");

        field = driver.findElement(By.id("thresholds"));
        field.clear();
        field.sendKeys("p95 < 250ms", Keys.ENTER, "errors < 1%");
        driver.findElement(By.id("save-test")).click();
        browser.waitFor(By.cssSelector("#save-error .notice.ok"));
        assertEquals(List.of("p95 < 250ms", "errors < 1%"), testSettings().get("thresholds"));
        assertTrue(driver.findElements(By.id("thresholds-problem")).isEmpty());
        browser.screenshot("44-verdict-threshold-saved");
    }

    @Test
    @Order(5)
    void aBaselinePinnedOnTheTestPageMakesTheSlowerRunRegress() {
        browser.signedIn("#/tests/" + encoded(TEST));
        browser.waitFor(By.cssSelector("#history tr[data-uuid='" + passing + "'] button.make-baseline")).click();
        browser.waitFor(By.cssSelector("#history tr[data-uuid='" + passing + "'] .badge.baseline"));
        browser.waitFor(By.id("baseline-link"));
        assertEquals(passing, testSettings().get("baseline"));
        assertEquals(List.of("p95 < 250ms", "errors < 1%"), testSettings().get("thresholds"), "the thresholds stay");
        browser.screenshot("45-verdict-baseline");

        browser.signedIn("#/runs/" + failing);
        WebElement regressions = browser.waitFor(By.id("regressions"));
        assertTrue(regressions.getText().contains("p95"), regressions.getText());
        assertTrue(browser.text(By.id("baseline-note")).startsWith("Compared with the baseline"));
        browser.screenshot("46-verdict-regressions");

        browser.signedIn("#/runs/" + passing);
        browser.waitUntil("the baseline's own page saying so", () ->
                browser.text(By.id("baseline-note")).contains("is the baseline"));
        assertTrue(driver.findElements(By.id("make-baseline")).isEmpty());
    }
}
