package io.loadstack.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swagger UI through nginx in a real Chromium: it asks a visitor who is not signed in to sign in first, and for a
 * signed-in user it reads the api-service's and the consumer-service's descriptions with the dashboard's JWT.
 * Nothing is fetched from outside (the machines are offline; its online validator is off).
 */
class SwaggerUiBrowserIT extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void swaggerUiShowsTheServicesDescriptionsToASignedInUser() {
        driver.get(loadstack.browserUrl() + "/swagger-ui/");
        String note = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-first"))).getText();
        assertTrue(note.contains("for signed-in users"), note);

        browser.signedIn("#/runs");
        driver.findElement(By.cssSelector("#top nav a[data-nav='api']")).click();
        String title = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".swagger-ui .info .title"))).getText();
        assertTrue(title.contains("Loadstack api-service"), title + "; browser log: " + browser.browserLog());
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector(".swagger-ui")).getText().contains("/api/launches"));
        assertTrue(driver.getPageSource().contains("Authorize"), "the security schemes are offered");
        browser.screenshot("80-swagger-ui-api");

        new Select(driver.findElement(By.cssSelector(".topbar select"))).selectByVisibleText("consumer-service");
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector(".swagger-ui .info .title")).getText()
                .contains("Loadstack consumer-service"));
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector(".swagger-ui")).getText()
                .contains("/apiv0.1/events/register"));
        browser.screenshot("81-swagger-ui-consumer");
        assertTrue(!browser.browserLog().contains("validator.swagger.io"), "nothing asked of the online validator");
    }
}
