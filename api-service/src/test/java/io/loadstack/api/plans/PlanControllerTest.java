package io.loadstack.api.plans;

import io.loadstack.testsupport.MultipartForm;
import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanControllerTest extends ApiServerTest {

    private static final int DATA_LIMIT = 3 * 1024 * 1024;

    private final byte[] jmx = resource("shop.jmx");
    private final byte[] csv = resource("users.csv");
    private final byte[] locustfile = resource("locustfile.py");
    private String alice;
    private String bob;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        // Small limits, so that going over them costs the test little; a data file still spans several chunks.
        properties.put("loadstack.plans.max-main-file-size", "64KB");
        properties.put("loadstack.plans.max-data-file-size", "3MB");
        properties.put("loadstack.plans.max-total-size", "4MB");
        properties.put("loadstack.plans.max-files", "4");
        return properties;
    }

    @BeforeAll
    void users() {
        for (String name : List.of("alice", "bob")) {
            HttpCall.Response created = HttpCall.post(url("/api/users"),
                    "{\"username\":\"" + name + "\",\"password\":\"" + name + "-password\"}").bearer(admin).send();
            assertEquals(201, created.status(), created.toString());
        }
        alice = ApiTestServer.login(server.getURL().toString(), "alice", "alice-password");
        bob = ApiTestServer.login(server.getURL().toString(), "bob", "bob-password");
    }

    @Test
    void aJmeterPlanWithADataFileIsStoredWithTheHashesOfItsFiles() {
        HttpCall.Response created = jmeterPlan("shop").post(url("/api/plans")).bearer(alice).send();

        assertEquals(201, created.status(), created.toString());
        Map<String, Object> plan = created.json();
        assertEquals("shop", plan.get("name"));
        assertEquals("jmeter", plan.get("generator"));
        assertEquals(1, plan.get("version"));
        assertEquals("alice", plan.get("owner"));
        assertEquals(List.of(
                Map.of("name", "shop.jmx", "size", jmx.length, "sha256", sha256(jmx), "main", true),
                Map.of("name", "users.csv", "size", csv.length, "sha256", sha256(csv), "main", false)), plan.get("files"));
    }

    @Test
    void theSameContentIsStoredOnceHoweverOftenItIsUploaded() throws SQLException {
        byte[] shared = "id\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            HttpCall.Response created = new MultipartForm().text("name", "dedup " + i).text("generator", "jmeter")
                    .file("main", "shop.jmx", jmx).file("files", "ids.csv", shared).post(url("/api/plans")).bearer(alice).send();
            assertEquals(201, created.status(), created.toString());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM plan_file_contents WHERE sha256 = ?", sha256(shared)));
        assertEquals(1, count("SELECT COUNT(*) FROM plan_file_chunks WHERE sha256 = ?", sha256(shared)));
        assertEquals(3, count("SELECT COUNT(*) FROM plan_version_files WHERE sha256 = ?", sha256(shared)));
    }

    @Test
    void uploadsAtOnceStoreSharedContentOnceAndNumberVersionsWithoutGaps() throws Exception {
        byte[] shared = "sku\n42\n".getBytes(StandardCharsets.UTF_8);
        long id = id(jmeterPlan("busy").post(url("/api/plans")).bearer(alice).send());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<HttpCall.Response>> answers = new java.util.ArrayList<>();
            // Three new versions of one plan, three new plans: all with the same new content.
            for (int i = 0; i < 6; i++) {
                String target = i % 2 == 0 ? "/api/plans/" + id + "/versions" : "/api/plans";
                answers.add(pool.submit(() -> new MultipartForm().text("name", "busy too").text("generator", "jmeter")
                        .file("main", "shop.jmx", jmx).file("files", "skus.csv", shared).post(url(target)).bearer(alice).send()));
            }
            List<Integer> versions = new java.util.ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                HttpCall.Response response = answers.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(201, response.status(), response.toString());
                if (i % 2 == 0) {
                    versions.add((Integer) response.json().get("version"));
                }
            }
            versions.sort(Integer::compare);
            assertEquals(List.of(2, 3, 4), versions);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM plan_file_contents WHERE sha256 = ?", sha256(shared)));
        assertEquals(6, count("SELECT COUNT(*) FROM plan_version_files WHERE sha256 = ?", sha256(shared)));
    }

    @Test
    void aNewVersionPinsItsOwnFilesAndTheOldOneStays() {
        long id = id(jmeterPlan("versioned").post(url("/api/plans")).bearer(alice).send());
        byte[] moreUsers = "username,password\ncarol,secret-c\n".getBytes(StandardCharsets.UTF_8);

        HttpCall.Response second = new MultipartForm().text("generator", "jmeter").file("main", "shop.jmx", jmx)
                .file("files", "users.csv", moreUsers).post(url("/api/plans/" + id + "/versions")).bearer(bob).send();

        assertEquals(201, second.status(), second.toString());
        assertEquals(2, second.json().get("version"));
        assertEquals("bob", second.json().get("uploadedBy"));
        assertEquals("alice", second.json().get("owner"), "the plan keeps its owner");
        Map<String, Object> shown = HttpCall.get(url("/api/plans/" + id)).bearer(bob).send().json();
        assertEquals(2, shown.get("version"));
        List<Map<String, Object>> versions = list(shown.get("versions"));
        assertEquals(List.of(2, 1), versions.stream().map(v -> v.get("version")).toList());
        assertEquals(sha256(moreUsers), list(versions.get(0).get("files")).get(1).get("sha256"));
        assertEquals(sha256(csv), list(versions.get(1).get("files")).get(1).get("sha256"));
        assertArrayEquals(csv, download(alice, "/api/plans/" + id + "/versions/1/files/users.csv"));
        assertArrayEquals(moreUsers, download(alice, "/api/plans/" + id + "/versions/2/files/users.csv"));

        List<Map<String, Object>> listed = HttpCall.get(url("/api/plans")).bearer(bob).send().jsonList();
        Map<String, Object> inList = listed.stream().filter(p -> ((Number) p.get("id")).longValue() == id).findFirst().orElseThrow();
        assertEquals(2, inList.get("version"), "the list shows each plan's latest version");
    }

    @Test
    void aVersionForAnotherGeneratorIsRefused() {
        long id = id(jmeterPlan("jmeter only").post(url("/api/plans")).bearer(alice).send());
        HttpCall.Response refused = new MultipartForm().text("generator", "locust").file("main", "locustfile.py", locustfile)
                .post(url("/api/plans/" + id + "/versions")).bearer(alice).send();
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("this plan runs with jmeter, not locust: upload a new plan for locust", refused.json().get("error"));
        assertEquals(404, new MultipartForm().file("main", "shop.jmx", jmx).post(url("/api/plans/999999/versions")).bearer(alice).send().status());
    }

    @Test
    void aDownloadGivesBackTheExactBytesOfAFileOfSeveralChunks() {
        byte[] large = new byte[DATA_LIMIT - 1000];
        new Random(7).nextBytes(large);
        HttpCall.Response created = new MultipartForm().text("name", "large").text("generator", "jmeter").file("main", "shop.jmx", jmx)
                .file("files", "random data.bin", large).post(url("/api/plans")).bearer(alice).send();
        assertEquals(201, created.status(), created.toString());
        long id = id(created);

        HttpResponse<byte[]> response = get(bob, "/api/plans/" + id + "/versions/1/files/"
                + URLEncoder.encode("random data.bin", StandardCharsets.UTF_8).replace("+", "%20"));
        assertEquals(200, response.statusCode());
        assertArrayEquals(large, response.body());
        assertEquals("\"" + sha256(large) + "\"", response.headers().firstValue("ETag").orElseThrow());
        assertEquals(404, get(bob, "/api/plans/" + id + "/versions/1/files/missing.csv").statusCode());
        assertEquals(404, get(bob, "/api/plans/" + id + "/versions/9/files/shop.jmx").statusCode());
    }

    @Test
    void aLocustPlanIsUtf8Text() {
        HttpCall.Response created = new MultipartForm().text("name", "shop (locust)").text("generator", "locust")
                .file("main", "locustfile.py", locustfile).post(url("/api/plans")).bearer(alice).send();
        assertEquals(201, created.status(), created.toString());
        assertEquals("locust", created.json().get("generator"));

        HttpCall.Response binary = new MultipartForm().text("name", "binary").text("generator", "locust")
                .file("main", "locustfile.py", new byte[]{'x', '=', (byte) 0xC3, (byte) 0x28}).post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, binary.status(), binary.toString());
        assertEquals("locustfile.py is not a locustfile: it is not UTF-8 text", binary.json().get("error"));
    }

    @Test
    void aJmxThatIsNotAJmeterTestPlanIsRefusedSayingWhy() {
        HttpCall.Response notXml = planWithMain("not xml", "{\"plan\": true}").post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, notXml.status(), notXml.toString());
        assertTrue(((String) notXml.json().get("error")).startsWith("plan.jmx is not a JMeter test plan: "), notXml.toString());

        HttpCall.Response otherRoot = planWithMain("other root", "<?xml version=\"1.0\"?><project><hashTree/></project>")
                .post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, otherRoot.status(), otherRoot.toString());
        assertEquals("plan.jmx is not a JMeter test plan: its root element is <project>, not <jmeterTestPlan>", otherRoot.json().get("error"));

        HttpCall.Response unclosed = planWithMain("unclosed", "<jmeterTestPlan><hashTree></jmeterTestPlan>")
                .post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, unclosed.status(), unclosed.toString());
        assertTrue(((String) unclosed.json().get("error")).contains("line 1"), unclosed.toString());
    }

    @Test
    void anExternalEntityIsRefusedAndNothingOfTheServersFilesLeaks() throws SQLException {
        long before = count("SELECT COUNT(*) FROM plans");
        for (String xxe : List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE jmeterTestPlan [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<jmeterTestPlan><hashTree>&xxe;</hashTree></jmeterTestPlan>",
                "<?xml version=\"1.0\"?><!DOCTYPE jmeterTestPlan SYSTEM \"file:///etc/passwd\"><jmeterTestPlan/>",
                "<?xml version=\"1.0\"?><!DOCTYPE jmeterTestPlan [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                        + "<jmeterTestPlan>&b;</jmeterTestPlan>")) {
            HttpCall.Response refused = planWithMain("xxe", xxe).post(url("/api/plans")).bearer(alice).send();
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(((String) refused.json().get("error")).startsWith(
                    "plan.jmx is not a JMeter test plan: it declares a DOCTYPE, which JMeter never writes and Loadstack does not accept"), refused.toString());
            assertFalse(refused.body().contains("root:"), refused.body());
        }
        assertEquals(before, count("SELECT COUNT(*) FROM plans"));
    }

    @Test
    void anUnknownOrMissingGeneratorIsRefusedNamingTheAllowedOnes() {
        HttpCall.Response unknown = new MultipartForm().text("name", "k6").text("generator", "k6").file("main", "script.js", "x".getBytes())
                .post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("unknown generator 'k6': use one of jmeter, locust", unknown.json().get("error"));

        HttpCall.Response missing = new MultipartForm().text("name", "none").file("main", "shop.jmx", jmx).post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, missing.status(), missing.toString());
        assertEquals("the form part 'generator' is missing: use one of jmeter, locust", missing.json().get("error"));

        HttpCall.Response noMain = new MultipartForm().text("name", "none").text("generator", "jmeter").post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, noMain.status(), noMain.toString());
        assertTrue(((String) noMain.json().get("error")).startsWith("the form part 'main' is missing"), noMain.toString());
    }

    @Test
    void filesAboveTheLimitsAre413() {
        HttpCall.Response bigData = jmeterPlan("too big").file("files", "big.bin", new byte[DATA_LIMIT + 1]).post(url("/api/plans")).bearer(alice).send();
        assertEquals(413, bigData.status(), bigData.toString());
        assertEquals("big.bin is too large: each data file is at most " + DATA_LIMIT + " bytes", bigData.json().get("error"));

        HttpCall.Response bigMain = new MultipartForm().text("name", "big main").text("generator", "locust")
                .file("main", "locustfile.py", new byte[64 * 1024 + 1]).post(url("/api/plans")).bearer(alice).send();
        assertEquals(413, bigMain.status(), bigMain.toString());

        HttpCall.Response total = jmeterPlan("too much").file("files", "a.bin", new byte[DATA_LIMIT - 10])
                .file("files", "b.bin", new byte[DATA_LIMIT - 10]).post(url("/api/plans")).bearer(alice).send();
        assertEquals(413, total.status(), total.toString());

        HttpCall.Response many = jmeterPlan("too many").file("files", "1.csv", csv).file("files", "2.csv", csv)
                .file("files", "3.csv", csv).post(url("/api/plans")).bearer(alice).send();
        assertEquals(413, many.status(), many.toString());
        assertEquals("a plan version has at most 4 files, the main file included", many.json().get("error"));
    }

    @Test
    void unsafeOrDuplicateFileNamesAreRefused() {
        // Netty trims a file name and turns its tabs into spaces before the service sees it; PlanTest covers those.
        for (String name : List.of("..", "../users.csv", "a\\b.csv", "bell\u0007.csv", "x".repeat(201))) {
            HttpCall.Response refused = jmeterPlan("unsafe").file("files", name, csv).post(url("/api/plans")).bearer(alice).send();
            assertEquals(400, refused.status(), name + ": " + refused);
            assertTrue(((String) refused.json().get("error")).startsWith("file name '"), refused.toString());
        }
        HttpCall.Response duplicate = jmeterPlan("duplicate").file("files", "users.csv", "other".getBytes()).post(url("/api/plans")).bearer(alice).send();
        assertEquals(400, duplicate.status(), duplicate.toString());
        assertEquals("two files are named 'users.csv': names must be unique within a version", duplicate.json().get("error"));
    }

    @Test
    void aFormWithAPartWithoutANameIs400NotAServerError() {
        String body = "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n";
        HttpCall.Response refused = HttpCall.method("POST", url("/api/plans"), body.getBytes(StandardCharsets.US_ASCII))
                .header("Content-Type", "multipart/form-data; boundary=b").bearer(alice).send();
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(((String) refused.json().get("error")).startsWith("the body is not a valid multipart/form-data form"), refused.toString());
    }

    @Test
    void everyPlanRouteNeedsASignedInUser() {
        assertEquals(401, jmeterPlan("anonymous").post(url("/api/plans")).send().status());
        assertEquals(401, HttpCall.get(url("/api/plans")).send().status());
        assertEquals(401, HttpCall.get(url("/api/plans/1")).send().status());
        assertEquals(401, HttpCall.get(url("/api/plans/1/versions/1/files/shop.jmx")).send().status());
        assertEquals(401, HttpCall.delete(url("/api/plans/1")).send().status());
    }

    @Test
    void theOwnerOrAnAdminDeletesAPlanAndContentNoVersionUsesIsCollected() throws SQLException {
        byte[] onlyHere = "only in the plan deleted\n".getBytes(StandardCharsets.UTF_8);
        long kept = id(jmeterPlan("kept").post(url("/api/plans")).bearer(bob).send());
        long deleted = id(jmeterPlan("deleted").file("files", "only.csv", onlyHere).post(url("/api/plans")).bearer(alice).send());

        HttpCall.Response forbidden = HttpCall.delete(url("/api/plans/" + deleted)).bearer(bob).send();
        assertEquals(403, forbidden.status(), forbidden.toString());
        assertEquals(204, HttpCall.delete(url("/api/plans/" + deleted)).bearer(alice).send().status());

        assertEquals(404, HttpCall.get(url("/api/plans/" + deleted)).bearer(alice).send().status());
        assertEquals(404, HttpCall.delete(url("/api/plans/" + deleted)).bearer(alice).send().status());
        assertEquals(0, count("SELECT COUNT(*) FROM plan_file_contents WHERE sha256 = ?", sha256(onlyHere)));
        assertEquals(0, count("SELECT COUNT(*) FROM plan_file_chunks WHERE sha256 = ?", sha256(onlyHere)));
        assertEquals(1, count("SELECT COUNT(*) FROM plan_file_contents WHERE sha256 = ?", sha256(csv)), "still used by another plan");
        assertArrayEquals(csv, download(alice, "/api/plans/" + kept + "/versions/1/files/users.csv"));

        assertEquals(204, HttpCall.delete(url("/api/plans/" + kept)).bearer(admin).send().status(), "an admin deletes anyone's plan");
    }

    @Test
    void contentDeletedWithOnePlanWhileAnotherUploadsItStaysForTheUpload() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                byte[] content = ("round " + round + "\n").getBytes(StandardCharsets.UTF_8);
                long doomed = id(jmeterPlan("doomed").file("files", "round.csv", content).post(url("/api/plans")).bearer(alice).send());
                var deletion = pool.submit(() -> HttpCall.delete(url("/api/plans/" + doomed)).bearer(alice).send());
                var upload = pool.submit(() -> jmeterPlan("survivor").file("files", "round.csv", content).post(url("/api/plans")).bearer(alice).send());
                assertEquals(204, deletion.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
                long survivor = id(upload.get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertArrayEquals(content, download(alice, "/api/plans/" + survivor + "/versions/1/files/round.csv"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherRoutesKeepTheirOneMegabyteLimit() {
        HttpCall.Response big = HttpCall.post(url("/api/tokens"), "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").bearer(admin).send();
        assertEquals(413, big.status(), big.toString());
        assertTrue(big.json().get("error") instanceof String);
    }

    private MultipartForm jmeterPlan(String name) {
        return new MultipartForm().text("name", name).text("generator", "jmeter").file("main", "shop.jmx", jmx).file("files", "users.csv", csv);
    }

    private MultipartForm planWithMain(String name, String main) {
        return new MultipartForm().text("name", name).text("generator", "jmeter").file("main", "plan.jmx", main.getBytes(StandardCharsets.UTF_8));
    }

    private static long id(HttpCall.Response created) {
        assertEquals(201, created.status(), created.toString());
        return ((Number) created.json().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private byte[] download(String token, String path) {
        HttpResponse<byte[]> response = get(token, path);
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    private HttpResponse<byte[]> get(String token, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlanControllerTest.class.getResourceAsStream("/plans/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
