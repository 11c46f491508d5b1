package io.loadstack.consumer.ingest;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's own thresholds, sent at register: checked to parse, stored as sent, kept through a restart and a replay. */
class RegisterThresholdsTest {

    private static final String TEN_REQUESTS =
            "{\"source\":\"g\",\"seq\":%d,\"users\":10,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":10,\"failures\":1,\"responseTimes\":{\"20\":10}}]}";

    static HttpCall.Response registerWith(String base, String token, Object thresholds) {
        return HttpCall.post(base + "/apiv0.1/events/register", HttpCall.json(Map.of("name", "checkout", "thresholds", thresholds)))
                .header("Authorization", "Token " + token).send();
    }

    @Nested
    class Register extends ConsumerServerTest {

        @Test
        void thresholdsAreStoredAsSent() {
            List<String> sent = List.of("p95 < 300ms", "errors < 1%", "GET /cart: p99 < 0.5s");
            HttpCall.Response registered = registerWith(base, token, sent);
            assertEquals(201, registered.status(), registered.toString());
            String uuid = (String) registered.json().get("uuid");
            String stored = (String) database.row("SELECT thresholds FROM runs WHERE uuid = ?", uuid).get("thresholds");
            assertEquals(HttpCall.json(sent).replace(" ", ""), stored.replace(" ", ""));
        }

        @Test
        void aRunWithoutThresholdsHasNone() {
            String uuid = register("{}");
            assertNull(database.row("SELECT thresholds FROM runs WHERE uuid = ?", uuid).get("thresholds"));
        }

        @Test
        void aThresholdThatDoesNotParseIsRefusedPointingAtTheCharacter() {
            HttpCall.Response refused = registerWith(base, token, List.of("p95 < 300ms", "errors < x"));
            assertEquals(400, refused.status(), refused.toString());
            assertEquals("thresholds[1] 'errors < x': at 10: expected a number", refused.json().get("error"));
            HttpCall.Response unknown = registerWith(base, token, List.of("p97 < 300"));
            assertEquals(400, unknown.status(), unknown.toString());
            assertTrue(((String) unknown.json().get("error")).contains("unknown metric 'p97'"), unknown.toString());
        }

        @Test
        void tooManyTooLongOrMistypedThresholdsAreRefused() {
            assertEquals(400, registerWith(base, token, Collections.nCopies(51, "p95 < 1")).status());
            assertEquals(400, registerWith(base, token, List.of("p95 < 1" + " ".repeat(200))).status());
            assertEquals(400, registerWith(base, token, "p95 < 300").status(), "a string, not a list");
            assertEquals(400, registerWith(base, token, List.of(Map.of("p95", 300))).status());
        }

        @Test
        void aRestartedConsumerKeepsARunningRunsThresholds() throws Exception {
            HttpCall.Response registered = registerWith(base, token, List.of("rps > 1"));
            String uuid = (String) registered.json().get("uuid");
            restart();
            assertEquals(202, stats(uuid, TEN_REQUESTS.formatted(1)).status());
            assertTrue(bean(FlushJob.class).flushNow());
            assertEquals(200, commit(uuid).status());
            Map<String, Object> run = database.row("SELECT thresholds, requests FROM runs WHERE uuid = ?", uuid);
            assertEquals("[\"rps > 1\"]", ((String) run.get("thresholds")).replace(", ", ","));
            assertEquals(10L, ((Number) run.get("requests")).longValue());
        }
    }

    /** MySQL is away when the run is registered: the row is made from the journal's entry after a restart. */
    @Nested
    class Replay extends ConsumerServerTest {

        private final TcpProxy proxy = TcpProxy.inFrontOf(database.url());

        @Override
        protected void configure(Map<String, Object> properties) {
            properties.put("datasources.default.url", proxy.rewrite(database.url()));
        }

        @Test
        void aReplayedRegisterKeepsItsThresholds() throws Exception {
            register("{}"); // the token is checked once, and remembered while MySQL is away
            proxy.cut();
            HttpCall.Response registered = registerWith(base, token, List.of("errors < 1%"));
            assertEquals(201, registered.status(), "acknowledged into the journal while MySQL is down: " + registered);
            String uuid = (String) registered.json().get("uuid");
            stop();
            proxy.start();
            start();
            boolean written = false;
            for (int attempt = 0; attempt < 20 && !written; attempt++) {
                written = bean(FlushJob.class).flushNow() && database.row("SELECT uuid FROM runs WHERE uuid = ?", uuid) != null;
                if (!written) {
                    Thread.sleep(250);
                }
            }
            assertTrue(written, "the replayed run is written once MySQL is back");
            assertEquals("[\"errors < 1%\"]",
                    ((String) database.row("SELECT thresholds FROM runs WHERE uuid = ?", uuid).get("thresholds")).replace(", ", ","));
        }
    }
}
