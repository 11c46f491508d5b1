package io.loadstack.api.plans;

import io.loadstack.testsupport.MultipartForm;
import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentFileDownloadTest extends ApiServerTest {

    private String agent;

    @BeforeAll
    void agentToken() {
        HttpCall.Response created = HttpCall.post(url("/api/agent-tokens"), "{\"name\":\"file agents\"}").bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        agent = (String) created.json().get("token");
    }

    @Test
    void anAgentDownloadsAPlanFileByItsHashAndGetsTheExactBytes() {
        // Over 2 MB, so the content spans three 1 MB chunks.
        byte[] data = new byte[2 * 1024 * 1024 + 123];
        new Random(11).nextBytes(data);
        HttpCall.Response created = new MultipartForm().text("name", "agent files").text("generator", "locust")
                .file("main", "locustfile.py", "from locust import HttpUser\n".getBytes())
                .file("files", "data.bin", data).post(url("/api/plans")).bearer(admin).send();
        assertEquals(201, created.status(), created.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) created.json().get("files");
        String hash = (String) files.stream().filter(f -> "data.bin".equals(f.get("name"))).findFirst().orElseThrow().get("sha256");

        HttpResponse<byte[]> response = get(agent, "/api/agent/files/" + hash);

        assertEquals(200, response.statusCode());
        assertEquals(hash, sha256(response.body()), "the bytes' SHA-256 is the hash asked for");
        assertArrayEquals(data, response.body());
        assertEquals(Long.toString(data.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("\"" + hash + "\"", response.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aUsersJwtIsRefusedOnTheAgentsFileRoute() {
        HttpResponse<byte[]> response = get(admin, "/api/agent/files/" + sha256("anything".getBytes()));
        assertEquals(403, response.statusCode());
    }

    @Test
    void anUnknownHashIs404Json() {
        HttpCall.Response response = HttpCall.get(url("/api/agent/files/" + "0".repeat(64))).bearer(agent).send();
        assertEquals(404, response.status(), response.toString());
        assertEquals(404, ((Number) response.json().get("status")).intValue());
        assertTrue(((String) response.json().get("error")).contains("0".repeat(64)), response.toString());
    }

    @Test
    void aValueThatIsNotALowercaseSha256Is400() {
        for (String bad : List.of("abc", "A".repeat(64), "g".repeat(64), "0".repeat(65), "..%2F" + "0".repeat(59))) {
            HttpCall.Response response = HttpCall.get(url("/api/agent/files/" + bad)).bearer(agent).send();
            assertEquals(400, response.status(), bad + ": " + response);
            assertEquals(400, ((Number) response.json().get("status")).intValue(), response.toString());
        }
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
