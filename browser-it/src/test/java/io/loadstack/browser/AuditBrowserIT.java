package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit page in a real Chromium through nginx: what an admin did through the API is listed with who, from
 * where and what, newest first, and the action filter narrows it.
 */
class AuditBrowserIT extends BrowserTest {

    @Test
    void theAuditPageListsWhatAdminsDidAndFiltersByAction() {
        String api = loadstack.apiUrl();
        String jwt = loadstack.adminJwt();
        HttpCall.Response token = HttpCall.post(api + "/api/tokens", "{\"name\":\"nightly ci\"}").bearer(jwt).send();
        assertEquals(201, token.status(), token.toString());
        String secret = (String) token.json().get("token");
        assertEquals(201, HttpCall.post(api + "/api/users", "{\"username\":\"erin\",\"password\":\"erins-password-123\","
                + "\"role\":\"USER\"}").bearer(jwt).send().status());

        browser.signedIn("#/audit");
        WebElement created = browser.waitFor(By.cssSelector("#audit-list tr[data-action='USER_CREATED']"));
        assertTrue(created.getText().contains("user created") && created.getText().contains("user: erin")
                && created.getText().contains("role: USER"), created.getText());
        WebElement issued = driver.findElement(By.cssSelector("#audit-list tr[data-action='INGEST_TOKEN_CREATED']"));
        assertTrue(issued.getText().contains("nightly ci") && issued.getText().contains("admin"), issued.getText());
        List<WebElement> rows = driver.findElements(By.cssSelector("#audit-list tbody tr"));
        assertTrue(rows.indexOf(created) < rows.indexOf(issued), "newest first");
        assertFalse(browser.text(By.id("audit")).contains(secret), "no token's secret on the page");
        assertFalse(browser.text(By.id("audit")).contains("erins-password-123"), "no password on the page");
        assertEquals("page", browser.attribute(By.cssSelector("#top nav a[data-nav='audit']"), "aria-current"));
        browser.screenshot("70-audit-log");

        new Select(driver.findElement(By.id("audit-action"))).selectByValue("USER_CREATED");
        driver.findElement(By.cssSelector("#audit-filters button[type='submit']")).click();
        browser.waitUntil("only user creations listed", () -> driver.getCurrentUrl().contains("action=USER_CREATED")
                && !driver.findElements(By.cssSelector("#audit-list tbody tr")).isEmpty()
                && driver.findElements(By.cssSelector("#audit-list tbody tr")).stream()
                .allMatch(r -> "USER_CREATED".equals(r.getAttribute("data-action"))));

        driver.findElement(By.id("audit-actor")).sendKeys("nobody");
        driver.findElement(By.cssSelector("#audit-filters button[type='submit']")).click();
        browser.waitUntil("the empty result said", () -> !driver.findElements(By.cssSelector("#audit .empty")).isEmpty());
        assertFalse(loadstack.logs().contains(secret), "no token's secret in the services' logs");
    }
}
