package io.loadstack.api.plans;

import io.loadstack.testsupport.MultipartForm;
import io.loadstack.api.ApiServerTest;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own limits, for when they are set below the plan limits (an operator raising one and not the
 * other): they end the upload with a 413 in the usual JSON, not a server error.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerUploadLimitTest extends ApiServerTest {

    private static final byte[] JMX = "<jmeterTestPlan version=\"1.2\"><hashTree/></jmeterTestPlan>".getBytes(StandardCharsets.UTF_8);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.multipart.max-file-size", "1MB");
        properties.put("micronaut.server.max-request-size", "3MB");
        return properties;
    }

    @Test
    void aPartAboveTheServersFileSizeIs413() {
        HttpCall.Response refused = new MultipartForm().text("name", "big").text("generator", "jmeter").file("main", "plan.jmx", JMX)
                .file("files", "big.bin", new byte[2 * 1024 * 1024]).post(url("/api/plans")).bearer(admin).send();
        assertEquals(413, refused.status(), refused.toString());
        assertTrue(refused.json().get("error") instanceof String, refused.toString());
    }

    @Test
    void aBodyAboveTheServersRequestSizeIs413() {
        HttpCall.Response refused = new MultipartForm().text("name", "big").text("generator", "jmeter").file("main", "plan.jmx", JMX)
                .file("files", "a.bin", new byte[900 * 1024]).file("files", "b.bin", new byte[900 * 1024])
                .file("files", "c.bin", new byte[900 * 1024]).file("files", "d.bin", new byte[900 * 1024])
                .post(url("/api/plans")).bearer(admin).send();
        assertEquals(413, refused.status(), refused.toString());
        assertTrue(refused.json().get("error") instanceof String, refused.toString());
    }
}
