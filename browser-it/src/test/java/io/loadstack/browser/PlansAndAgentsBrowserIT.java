package io.loadstack.browser;

import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans and agents pages in a real Chromium through nginx, in front of the packaged services: a plan
 * uploaded through the page's form with real files, its versions, the API's refusal shown as it was said;
 * agents that signed in with a heartbeat, and agent tokens made on the page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlansAndAgentsBrowserIT extends BrowserTest {

    private static final String PLAN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
              <hashTree>
                <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="checkout">
                  <elementProp name="TestPlan.user_defined_variables" elementType="Arguments">
                    <collectionProp name="Arguments.arguments"/>
                  </elementProp>
                </TestPlan>
                <hashTree>
                  <CSVDataSet guiclass="TestBeanGUI" testclass="CSVDataSet" testname="users">
                    <stringProp name="filename">users.csv</stringProp>
                    <stringProp name="variableNames">username,password</stringProp>
                    <boolProp name="recycle">true</boolProp>
                  </CSVDataSet>
                  <hashTree/>
                  <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="shoppers">
                    <intProp name="ThreadGroup.num_threads">%d</intProp>
                    <intProp name="ThreadGroup.ramp_time">1</intProp>
                  </ThreadGroup>
                  <hashTree>
                    <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="GET /cart">
                      <stringProp name="HTTPSampler.path">/cart</stringProp>
                      <stringProp name="HTTPSampler.method">GET</stringProp>
                    </HTTPSamplerProxy>
                    <hashTree/>
                  </hashTree>
                </hashTree>
              </hashTree>
            </jmeterTestPlan>
            """;

    private Path files;

    @Override
    protected void beforeBrowser() throws Exception {
        files = Files.createTempDirectory("browser-it-plans");
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private String shownSha256(int version, String fileName) {
        WebElement code = driver.findElement(By.cssSelector(
                "section[data-version='" + version + "'] tr[data-file='" + fileName + "'] code"));
        String full = code.getAttribute("data-sha256");
        assertEquals(full.substring(0, 12) + "…", code.getText(), "the page shows the hash's start");
        return full;
    }

    @Test
    @Order(1)
    void aPlanUploadedThroughTheFormIsListedWithItsHashesAndTakesANewVersion() throws Exception {
        Path plan = file("checkout.jmx", PLAN.formatted(10));
        Path users = file("users.csv", "username,password\nalice,secret-1\nbob,secret-2\n");

        browser.signedIn("#/plans");
        browser.waitFor(By.id("plan-form"));
        assertEquals("page", browser.attribute(By.cssSelector("#top nav a[data-nav='plans']"), "aria-current"));
        driver.findElement(By.id("plan-name")).sendKeys("checkout");
        new Select(driver.findElement(By.id("plan-generator"))).selectByValue("jmeter");
        driver.findElement(By.id("plan-main")).sendKeys(plan.toAbsolutePath().toString());
        driver.findElement(By.id("plan-files")).sendKeys(users.toAbsolutePath().toString());
        browser.screenshot("20-plans-form");
        driver.findElement(By.id("upload-plan")).click();

        assertTrue(browser.waitFor(By.cssSelector("#plan-message .notice")).getText()
                .contains("Plan \"checkout\" uploaded as version 1"));
        WebElement row = browser.waitFor(By.cssSelector("#plan-list tbody tr"));
        assertTrue(row.getText().contains("checkout"), row.getText());
        assertTrue(row.getText().contains("jmeter"), row.getText());
        assertEquals("v1", row.findElement(By.cssSelector("[data-field='version']")).getText());
        assertTrue(row.getText().contains("main + 1 data file"), row.getText());
        browser.screenshot("21-plans");

        row.findElement(By.linkText("checkout")).click();
        browser.waitFor(By.cssSelector("section[data-version='1']"));
        assertEquals("checkout", browser.text(By.id("plan-name")));
        assertEquals("v1", browser.text(By.id("plan-version")));
        String usersV1 = sha256(users);
        assertEquals(sha256(plan), shownSha256(1, "checkout.jmx"));
        assertEquals(usersV1, shownSha256(1, "users.csv"));

        Path changedPlan = file("checkout.jmx", PLAN.formatted(25));
        Path moreUsers = file("users.csv", "username,password\nalice,secret-1\nbob,secret-2\ncarol,secret-3\n");
        Path products = file("products.csv", "sku\nA-1\nB-2\n");
        driver.findElement(By.id("version-main")).sendKeys(changedPlan.toAbsolutePath().toString());
        driver.findElement(By.id("version-files")).sendKeys(moreUsers.toAbsolutePath() + "\n" + products.toAbsolutePath());
        driver.findElement(By.id("upload-version")).click();

        browser.waitUntil("version 2 on the page", () -> browser.text(By.id("plan-version")).equals("v2"));
        List<WebElement> versions = driver.findElements(By.cssSelector("#versions section"));
        assertEquals(List.of("2", "1"), versions.stream().map(v -> v.getAttribute("data-version")).toList(), "newest first");
        assertEquals(sha256(changedPlan), shownSha256(2, "checkout.jmx"));
        assertEquals(sha256(moreUsers), shownSha256(2, "users.csv"));
        assertEquals(sha256(products), shownSha256(2, "products.csv"));
        assertEquals(usersV1, shownSha256(1, "users.csv"), "version 1 keeps its files");
        browser.screenshot("22-plan");
    }

    @Test
    @Order(2)
    void aJmxThatIsNotAJMeterPlanShowsTheApisReason() throws Exception {
        Path notAPlan = file("shop.jmx", "<html><body>not a plan</body></html>\n");
        browser.signedIn("#/plans");
        browser.waitFor(By.id("plan-form"));
        driver.findElement(By.id("plan-name")).sendKeys("not a plan");
        driver.findElement(By.id("plan-main")).sendKeys(notAPlan.toAbsolutePath().toString());
        driver.findElement(By.id("upload-plan")).click();

        String error = browser.waitFor(By.cssSelector("#plan-message .notice.error")).getText();
        assertTrue(error.contains("shop.jmx is not a JMeter test plan"), error);
        assertTrue(error.contains("<html>"), "the reason names the root element it found: " + error);
        assertEquals(1, driver.findElements(By.cssSelector("#plan-list tbody tr")).size(), "nothing was stored");
        browser.screenshot("23-plans-error");
    }

    @Test
    @Order(3)
    void aMainFileOverTheLimitShowsWhichLimit() throws Exception {
        // A valid plan padded with a comment to one byte over the 5 MB main-file limit (PlanSettings' default).
        String plan = PLAN.formatted(1);
        int padding = 5 * 1024 * 1024 + 1 - plan.getBytes(StandardCharsets.UTF_8).length - "<!---->\n".length();
        Path big = file("big.jmx", plan + "<!--" + "x".repeat(padding) + "-->\n");
        assertEquals(5 * 1024 * 1024 + 1, Files.size(big));
        browser.signedIn("#/plans");
        browser.waitFor(By.id("plan-form"));
        driver.findElement(By.id("plan-name")).sendKeys("big");
        driver.findElement(By.id("plan-main")).sendKeys(big.toAbsolutePath().toString());
        driver.findElement(By.id("upload-plan")).click();

        String error = browser.waitFor(By.cssSelector("#plan-message .notice.error")).getText();
        assertTrue(error.startsWith("big.jmx is too large"), error);
        assertTrue(error.contains("5242880 bytes"), error);
    }

    @Test
    @Order(4)
    void theOwnerDeletesAPlanAfterConfirming() throws Exception {
        Path plan = file("doomed.jmx", PLAN.formatted(1));
        browser.signedIn("#/plans");
        browser.waitFor(By.id("plan-form"));
        driver.findElement(By.id("plan-name")).sendKeys("doomed");
        driver.findElement(By.id("plan-main")).sendKeys(plan.toAbsolutePath().toString());
        driver.findElement(By.id("upload-plan")).click();
        browser.waitFor(By.cssSelector("#plan-message .notice a")).click();
        browser.waitFor(By.id("delete-plan")).click();
        assertTrue(driver.switchTo().alert().getText().contains("Delete the plan \"doomed\""));
        driver.switchTo().alert().accept();

        browser.waitUntil("the list without the deleted plan", () -> driver.getCurrentUrl().endsWith("#/plans")
                && browser.text(By.id("plan-list")).contains("checkout")
                && !browser.text(By.id("plan-list")).contains("doomed"));
    }

    @Test
    @Order(5)
    void theAgentsPageShowsAgentsThatSignedInAndThoseThatComeLater() {
        String token = agentToken("browser-it agents");
        heartbeat(token, "eu-agent-1", "eu-west");

        browser.signedIn("#/agents");
        browser.waitFor(By.cssSelector("#agents tr[data-name='eu-agent-1']"));
        assertEquals("eu-west", agentCell("eu-agent-1", "region"));
        assertEquals("IDLE", agentCell("eu-agent-1", "status"));
        assertEquals("just now", agentCell("eu-agent-1", "lastSeen"));

        // The page refreshes itself while it is open: an agent that signs in now shows up without a reload.
        heartbeat(token, "us-agent-1", "us-east");
        browser.waitFor(By.cssSelector("#agents tr[data-name='us-agent-1']"));
        assertEquals("us-east", agentCell("us-agent-1", "region"));
        assertEquals("IDLE", agentCell("us-agent-1", "status"));
        assertEquals("2 of 2 online", browser.text(By.id("agents-online")));
        browser.screenshot("24-agents");
    }

    @Test
    @Order(6)
    void anAdminCreatesAnAgentTokenOnThePageAndSeesItOnce() {
        browser.signedIn("#/agents");
        browser.waitFor(By.id("agent-token-name")).sendKeys("agents in ap-south");
        driver.findElement(By.id("create-agent-token")).click();

        String token = browser.waitFor(By.id("new-agent-token")).getText();
        assertTrue(token.matches("lsa_[A-Za-z0-9_-]{43}"), token);
        String javaJar = browser.text(By.cssSelector("pre.snippet[data-tool='java -jar']"));
        assertTrue(javaJar.contains("LOADSTACK_AGENT_TOKEN=" + token), javaJar);
        assertTrue(javaJar.contains("LOADSTACK_URL=" + loadstack.browserUrl()), javaJar);
        assertTrue(javaJar.contains("LOADSTACK_AGENT_REGION="), javaJar);
        browser.waitUntil("the new token in the list", () -> browser.text(By.id("agent-token-list"))
                .contains("agents in ap-south"));
        browser.screenshot("25-agent-token");

        // The token the page showed is a working agent token.
        heartbeat(token, "ap-agent-1", "ap-south");
        browser.waitFor(By.cssSelector("#agents tr[data-name='ap-agent-1']"));

        driver.navigate().refresh();
        browser.waitUntil("the token list after a reload", () -> browser.text(By.id("agent-token-list"))
                .contains("agents in ap-south"));
        assertFalse(browser.text(By.tagName("main")).contains(token), "the secret is shown only once");
        assertTrue(browser.text(By.id("agent-token-list")).contains(token.substring(0, 8)),
                "the list shows the token's start");
    }

    @Test
    @Order(7)
    void anAdminRevokesAnAgentTokenAndItsAgentsAreRefused() {
        String token = agentToken("retired agents");
        heartbeat(token, "doomed-agent-1", "eu-west");
        browser.signedIn("#/agents");
        browser.waitFor(By.cssSelector("#agent-token-list button[aria-label='Revoke retired agents']")).click();
        assertTrue(driver.switchTo().alert().getText().contains("Revoke \"retired agents\"?"));
        driver.switchTo().alert().accept();

        browser.waitUntil("the token marked revoked", () -> driver.findElements(By.cssSelector("#agent-token-list tr"))
                .stream().anyMatch(r -> r.getText().startsWith("retired agents") && r.getText().contains("revoked ")
                        && r.findElements(By.tagName("button")).isEmpty()));
        HttpCall.Response refused = sendHeartbeat(token, "doomed-agent-1", "eu-west");
        assertEquals(401, refused.status(), refused.toString());
        String log = browser.browserLog();
        // Refused uploads are logged as failed loads (SEVERE too); a script error is "Uncaught".
        assertFalse(log.contains("Uncaught"), "no script error: " + log);
    }

    @Test
    @Order(8)
    void theNavigationWorksFromTheKeyboardAndThePagesFitAPhone() {
        browser.signedIn("#/runs");
        WebElement plans = browser.waitFor(By.cssSelector("#top nav a[data-nav='plans']"));
        plans.sendKeys(Keys.ENTER);
        String planId = browser.waitFor(By.cssSelector("#plan-list tbody tr")).getAttribute("data-id");
        assertTrue(driver.getCurrentUrl().endsWith("#/plans"), driver.getCurrentUrl());
        driver.findElement(By.cssSelector("#top nav a[data-nav='agents']")).sendKeys(Keys.ENTER);
        browser.waitFor(By.id("agents"));
        assertEquals("page", browser.attribute(By.cssSelector("#top nav a[data-nav='agents']"), "aria-current"));

        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("#/plans", "#/plans/" + planId, "#/agents")) {
                browser.go(page);
                browser.waitFor(By.tagName("h1"));
                browser.waitUntil(page + " loaded", () -> !browser.text(By.tagName("main")).contains("Loading…"));
                Number width = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
                assertTrue(width.intValue() <= 400, page + " does not scroll sideways: " + width);
            }
            browser.screenshot("26-agents-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1366, 1000));
        }
    }

    private String agentToken(String name) {
        HttpCall.Response created = HttpCall.post(loadstack.apiUrl() + "/api/agent-tokens", HttpCall.json(Map.of("name", name)))
                .bearer(loadstack.adminJwt()).send();
        assertEquals(201, created.status(), created.toString());
        return (String) created.json().get("token");
    }

    private void heartbeat(String token, String name, String region) {
        HttpCall.Response answer = sendHeartbeat(token, name, region);
        assertEquals(200, answer.status(), answer.toString());
    }

    /** What an agent sends: one heartbeat, answered at once (no long-poll wait). */
    private HttpCall.Response sendHeartbeat(String token, String name, String region) {
        return HttpCall.post(loadstack.apiUrl() + "/api/agent/heartbeat?wait=0", HttpCall.json(Map.of(
                "name", name, "region", region, "version", "0.1.0", "instanceId", UUID.randomUUID().toString())))
                .bearer(token).send();
    }

    /** A cell of the agents page, as drawn now: the page draws its rows anew on every refresh. */
    private String agentCell(String name, String field) {
        return browser.text(By.cssSelector("#agents tr[data-name='" + name + "'] [data-field='" + field + "']"));
    }
}
