package io.loadstack.consumer.influx;

import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged consumer with production's {@code -XX:+ExitOnOutOfMemoryError} and a small heap, under gzip
 * bombs on the write routes, several at once, with and without {@code Content-Encoding: gzip}: each is refused
 * with a JSON error and the consumer stays up.
 */
class GzipBombIT {

    private static final Path JAR = Path.of("target", "consumer-service.jar");
    private static final int AT_ONCE = 8;

    @Test
    void gzipBombsArrivingTogetherAreRefusedAndTheConsumerStaysUp() throws Exception {
        byte[] bomb = zeros(200 * 1024 * 1024);
        try (TestDatabase database = ConsumerTestSetup.database("GzipBombIT")) {
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ConsumerTestSetup.SECRET);
            environment.put("LOADSTACK_JOURNAL_DIR", ConsumerTestSetup.journalDir("bomb").toString());
            environment.put("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError");
            ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
            try (ServiceProcess consumer = ServiceProcess.start(JAR, environment)) {
                assertTrue(consumer.awaitHealthy(Duration.ofSeconds(90)), consumer.output());
                String base = consumer.baseUrl();
                for (String route : List.of("/write?db=jmeter", "/api/v2/write?bucket=k6")) {
                    for (boolean declared : List.of(false, true)) {
                        List<CompletableFuture<HttpCall.Response>> answers = new ArrayList<>();
                        for (int i = 0; i < AT_ONCE; i++) {
                            answers.add(CompletableFuture.supplyAsync(() -> {
                                HttpCall call = HttpCall.method("POST", base + route, bomb).header("Authorization", "Token " + token);
                                return (declared ? call.header("Content-Encoding", "gzip") : call).send();
                            }, clients));
                        }
                        for (CompletableFuture<HttpCall.Response> answer : answers) {
                            HttpCall.Response response = answer.exceptionally(noAnswer -> fail("no answer to a bomb on " + route
                                    + " (" + noAnswer + "); consumer alive: " + consumer.isAlive() + "\n" + tail(consumer.output()))).join();
                            String what = route + (declared ? " with" : " without") + " Content-Encoding: " + response
                                    + "\n" + (consumer.isAlive() ? "" : tail(consumer.output()));
                            assertEquals(413, response.status(), what);
                            assertInstanceOf(String.class, response.json().get("error"), what);
                        }
                        assertTrue(consumer.isAlive(), consumer.output());
                    }
                }
                assertEquals(200, HttpCall.get(base + "/api/healthcheck").send().status(), consumer.output());
                HttpCall.Response honest = HttpCall.method("POST", base + "/write?db=jmeter",
                                gzip("jmeter,application=shop,transaction=all count=1 1764669600000000000\n".getBytes(StandardCharsets.UTF_8)))
                        .header("Authorization", "Token " + token).send();
                assertEquals(204, honest.status(), "an honest gzipped write still goes through: " + honest);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 3000));
    }

    private static byte[] zeros(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 65536)) {
            byte[] chunk = new byte[1024 * 1024];
            for (int written = 0; written < size; written += chunk.length) {
                gzip.write(chunk);
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
