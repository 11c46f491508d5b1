package io.loadstack.consumer.writer;

import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest {

    private static final String TEN_REQUESTS =
            "{\"source\":\"g\",\"seq\":%d,\"users\":10,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":10,\"failures\":1,\"responseTimes\":{\"20\":10}}]}";

    @Test
    void aRestartResumesARunningRunWithNothingLostOrDoubled() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("RecoveryResume")) {
            Path journal = ConsumerTestSetup.journalDir("resume");
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            String uuid;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, ConsumerTestSetup.properties(database, journal))) {
                String base = first.getURL().toString();
                uuid = ConsumerTestSetup.register(base, token, "{}");
                assertEquals(202, ConsumerTestSetup.stats(base, token, uuid, TEN_REQUESTS.formatted(1)).status());
                assertTrue(first.getApplicationContext().getBean(FlushJob.class).flushNow());
                assertEquals(202, ConsumerTestSetup.stats(base, token, uuid, TEN_REQUESTS.formatted(2)).status());
                assertEquals(202, ConsumerTestSetup.stats(base, token, uuid, TEN_REQUESTS.formatted(3)).status());
            }
            assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue(),
                    "only the first post was written before the stop");

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, ConsumerTestSetup.properties(database, journal))) {
                String base = second.getURL().toString();
                HttpCall.Response running = HttpCall.get(base + "/events/isrunning").header("Authorization", "Token " + token).send();
                assertEquals(1L, ((Number) running.json().get("running")).longValue(), "the run is being recorded again");
                assertEquals(202, ConsumerTestSetup.stats(base, token, uuid, TEN_REQUESTS.formatted(2)).status(), "a retry after the restart");
                assertTrue(second.getApplicationContext().getBean(FlushJob.class).flushNow());
                Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
                assertEquals(30L, ((Number) run.get("requests")).longValue());
                assertEquals(3L, ((Number) run.get("failures")).longValue());
                assertEquals("RUNNING", run.get("status"));
                assertEquals(2L, ((Number) database.row("SELECT COUNT(*) AS n FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("n")).longValue());
                assertEquals(200, ConsumerTestSetup.commit(base, token, uuid).status());
            }
        }
    }

    @Test
    void aSilentRunIsAbandonedAfterTheTimeout() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("RecoveryAbandon")) {
            Map<String, Object> properties = ConsumerTestSetup.properties(database, ConsumerTestSetup.journalDir("abandon"));
            properties.put("loadstack.run-timeout", "50ms");
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                String uuid = ConsumerTestSetup.register(server.getURL().toString(), token, "{}");
                Thread.sleep(200);
                assertTrue(server.getApplicationContext().getBean(FlushJob.class).flushNow());
                Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
                assertEquals("ABANDONED", run.get("status"));
                assertEquals(409, ConsumerTestSetup.stats(server.getURL().toString(), token, uuid, TEN_REQUESTS.formatted(1)).status());
            }
        }
    }

    @Test
    void withMySqlDownIngestionIsAcknowledgedAndTheWriterCatchesUp() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("RecoveryMysqlDown");
             TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
            Map<String, Object> properties = ConsumerTestSetup.properties(database, ConsumerTestSetup.journalDir("mysqldown"));
            properties.put("datasources.default.url", proxy.rewrite(database.url()));
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                String base = server.getURL().toString();
                String uuid = ConsumerTestSetup.register(base, token, "{}");
                FlushJob flush = server.getApplicationContext().getBean(FlushJob.class);
                proxy.cut();
                for (int seq = 1; seq <= 5; seq++) {
                    HttpCall.Response response = ConsumerTestSetup.stats(base, token, uuid, TEN_REQUESTS.formatted(seq));
                    assertEquals(202, response.status(), "acknowledged into the journal while MySQL is down: " + response);
                }
                assertFalse(flush.flushNow(), "the write fails while MySQL is down");
                assertEquals(503, HttpCall.get(base + "/api/healthcheck").send().status());
                proxy.start();
                boolean written = false;
                for (int attempt = 0; attempt < 20 && !written; attempt++) {
                    written = flush.flushNow();
                    if (!written) {
                        Thread.sleep(250);
                    }
                }
                assertTrue(written, "the writer catches up once MySQL is back");
                assertEquals(50L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue());
            }
        }
    }
}
