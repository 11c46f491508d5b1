package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.Rfc6238;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second factor in a real Chromium through nginx, in front of the packaged services: a user sets it up on
 * the account page (the QR code drawn, the key as text, a code from the tests' own RFC 6238 implementation,
 * recovery codes shown) and signs in with the second step; an admin whom the policy requires to have one is taken
 * to enrollment at sign-in; the admins' users page shows who has one and resets it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondFactorBrowserIT extends BrowserTest {

    private static final String USER = "jane";
    private static final String USER_PASSWORD = "jane-password-0123";
    private static final String OPS = "ops";
    private static final String OPS_PASSWORD = "ops-password-0123";

    @Override
    protected void beforeBrowser() throws Exception {
        createUser(USER, USER_PASSWORD, "USER");
        createUser(OPS, OPS_PASSWORD, "ADMIN");
    }

    @Test
    @Order(1)
    void aUserSetsItUpOnTheAccountPageAndSignsInWithTheSecondStep() {
        signInWithPassword(USER, USER_PASSWORD);
        browser.waitFor(By.id("who"));
        driver.findElement(By.id("who")).click();
        browser.waitFor(By.id("mfa-start")).click();
        WebElement qr = browser.waitFor(By.id("mfa-qr"));
        assertTrue(qr.getAttribute("src").startsWith("data:image/svg+xml"), "the QR code is an SVG drawn by Loadstack");
        browser.waitUntil("the QR code drawn", () -> ((Number) ((JavascriptExecutor) driver)
                .executeScript("return arguments[0].naturalWidth;", qr)).intValue() > 0);
        String secret = browser.text(By.id("mfa-secret"));
        assertEquals(32, secret.length(), secret);
        browser.screenshot("80-mfa-enrollment");

        driver.findElement(By.id("mfa-confirm-code")).sendKeys(code(secret, 0));
        driver.findElement(By.id("mfa-confirm")).click();
        browser.waitUntil("ten recovery codes", () -> driver.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
        assertTrue(browser.text(By.id("mfa-status")).startsWith("On."));
        browser.screenshot("81-mfa-recovery-codes");

        driver.findElement(By.id("logout")).click();
        signInWithPassword(USER, USER_PASSWORD);
        WebElement code = browser.waitFor(By.id("mfa-code"));
        code.sendKeys("000000".equals(code(secret, 1)) ? "111111" : "000000");
        driver.findElement(By.id("mfa-verify")).click();
        browser.waitUntil("the wrong code refused", () -> browser.text(By.id("mfa-error")).contains("wrong"));
        browser.screenshot("82-mfa-second-step");
        code.clear();
        code.sendKeys(code(secret, 1));
        driver.findElement(By.id("mfa-verify")).click();
        browser.waitUntil("signed in as " + USER, () -> browser.text(By.id("who")).equals(USER));
    }

    @Test
    @Order(2)
    void anAdminTheirPolicyRequiresIsTakenToEnrollmentAndSeesWhoHasOne() {
        HttpCall.Response policy = HttpCall.put(loadstack.apiUrl() + "/api/mfa-policy", "{\"requirement\": \"ADMINS\"}")
                .bearer(loadstack.adminJwt()).send();
        assertEquals(200, policy.status(), policy.toString());
        try {
            ((JavascriptExecutor) driver).executeScript("sessionStorage.clear();");
            signInWithPassword(OPS, OPS_PASSWORD);
            WebElement qr = browser.waitFor(By.cssSelector("#mfa-enroll #mfa-qr"));
            assertTrue(qr.getAttribute("src").startsWith("data:image/svg+xml"));
            String secret = browser.text(By.id("mfa-secret"));
            browser.screenshot("83-mfa-required-enrollment");
            driver.findElement(By.id("mfa-enroll-code")).sendKeys(code(secret, 0));
            driver.findElement(By.id("mfa-enroll-confirm")).click();
            browser.waitUntil("ten recovery codes", () -> driver.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
            driver.findElement(By.id("recovery-continue")).click();
            browser.waitUntil("signed in as " + OPS, () -> browser.text(By.id("who")).startsWith(OPS));

            browser.go("#/users");
            browser.waitUntil("the users listed", () -> !driver.findElements(By.cssSelector("tr[data-user='" + USER + "'] td.mfa")).isEmpty());
            assertEquals("on", browser.text(By.cssSelector("tr[data-user='" + USER + "'] td.mfa")));
            assertEquals("on", browser.text(By.cssSelector("tr[data-user='" + OPS + "'] td.mfa")));
            assertEquals("off", browser.text(By.cssSelector("tr[data-user='admin'] td.mfa")));
            browser.waitUntil("the policy shown", () -> "ADMINS".equals(new Select(driver.findElement(By.id("mfa-policy")))
                    .getFirstSelectedOption().getAttribute("value")));
            browser.screenshot("84-mfa-users");
            driver.findElement(By.cssSelector("tr[data-user='" + USER + "'] button.mfa-reset")).click();
            driver.switchTo().alert().accept();
            browser.waitUntil(USER + "'s second factor reset", () -> "off".equals(
                    browser.text(By.cssSelector("tr[data-user='" + USER + "'] td.mfa"))));

            new Select(driver.findElement(By.id("mfa-policy"))).selectByValue("NONE");
            browser.waitUntil("the policy changed", () -> "NONE".equals(HttpCall.get(loadstack.apiUrl() + "/api/mfa-policy")
                    .bearer(loadstack.adminJwt()).send().json().get("requirement")));
        } finally {
            HttpCall.put(loadstack.apiUrl() + "/api/mfa-policy", "{\"requirement\": \"NONE\"}").bearer(loadstack.adminJwt()).send();
        }
    }

    private void signInWithPassword(String username, String password) {
        browser.go("#/login");
        browser.waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    /** The code an authenticator app shows {@code steps} 30-second steps from now (the service takes -1..+1). */
    private static String code(String secret, int steps) {
        return Rfc6238.code(secret, Instant.now().plusSeconds(30L * steps));
    }

    private void createUser(String username, String password, String role) {
        HttpCall.Response created = HttpCall.post(loadstack.apiUrl() + "/api/users",
                HttpCall.json(Map.of("username", username, "password", password, "role", role))).bearer(loadstack.adminJwt()).send();
        assertEquals(201, created.status(), created.toString());
    }
}
