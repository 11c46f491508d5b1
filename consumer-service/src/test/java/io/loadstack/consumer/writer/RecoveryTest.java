package io.loadstack.consumer.writer;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each case has a consumer of its own: they differ in their settings or in how their database fails. */
class RecoveryTest {

    private static final String TEN_REQUESTS =
            "{\"source\":\"g\",\"seq\":%d,\"users\":10,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":10,\"failures\":1,\"responseTimes\":{\"20\":10}}]}";

    @Nested
    class Restart extends ConsumerServerTest {

        @Test
        void aRestartResumesARunningRunWithNothingLostOrDoubled() throws Exception {
            String uuid = register("{}");
            assertEquals(202, stats(uuid, TEN_REQUESTS.formatted(1)).status());
            assertTrue(bean(FlushJob.class).flushNow());
            assertEquals(202, stats(uuid, TEN_REQUESTS.formatted(2)).status());
            assertEquals(202, stats(uuid, TEN_REQUESTS.formatted(3)).status());
            stop();
            assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", uuid).get("requests")).longValue(),
                    "only the first post was written before the stop");

            start();
            HttpCall.Response running = HttpCall.get(url("/events/isrunning")).header("Authorization", "Token " + token).send();
            assertEquals(1L, ((Number) running.json().get("running")).longValue(), "the run is being recorded again");
            assertEquals(202, stats(uuid, TEN_REQUESTS.formatted(2)).status(), "a retry after the restart");
            assertTrue(bean(FlushJob.class).flushNow());
            Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
            assertEquals(30L, ((Number) run.get("requests")).longValue());
            assertEquals(3L, ((Number) run.get("failures")).longValue());
            assertEquals("RUNNING", run.get("status"));
            assertEquals(2L, ((Number) database.row("SELECT COUNT(*) AS n FROM run_intervals WHERE run_uuid = ? AND method = ''", uuid).get("n")).longValue());
            assertEquals(200, commit(uuid).status());
        }
    }

    @Nested
    class SilentRun extends ConsumerServerTest {

        @Override
        protected void configure(Map<String, Object> properties) {
            properties.put("loadstack.run-timeout", "50ms");
        }

        @Test
        void aSilentRunIsAbandonedAfterTheTimeout() throws Exception {
            String uuid = register("{}");
            Thread.sleep(200);
            assertTrue(bean(FlushJob.class).flushNow());
            Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
            assertEquals("ABANDONED", run.get("status"));
            assertEquals(409, stats(uuid, TEN_REQUESTS.formatted(1)).status());
        }
    }

    @Nested
    class MySqlDown extends ConsumerServerTest {

        private final TcpProxy proxy = TcpProxy.inFrontOf(database.url());

        @Override
        protected void configure(Map<String, Object> properties) {
            properties.put("datasources.default.url", proxy.rewrite(database.url()));
        }

        @Test
        void withMySqlDownIngestionIsAcknowledgedAndTheWriterCatchesUp() throws Exception {
            String uuid = register("{}");
            FlushJob flush = bean(FlushJob.class);
            proxy.cut();
            for (int seq = 1; seq <= 5; seq++) {
                HttpCall.Response response = stats(uuid, TEN_REQUESTS.formatted(seq));
                assertEquals(202, response.status(), "acknowledged into the journal while MySQL is down: " + response);
            }
            assertFalse(flush.flushNow(), "the write fails while MySQL is down");
            assertEquals(503, HttpCall.get(url("/api/healthcheck")).send().status());
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
