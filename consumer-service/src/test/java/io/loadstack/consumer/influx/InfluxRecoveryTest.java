package io.loadstack.consumer.influx;

import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Line-protocol writes go through the journal: a restart replays them into the same run, once. */
class InfluxRecoveryTest {

    private static HttpCall.Response k6Write(String base, String token, int requests) {
        StringBuilder body = new StringBuilder();
        long nanos = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < requests; i++) {
            String tags = ",method=GET,name=/a,status=200,testid=replayed";
            body.append("http_reqs").append(tags).append(" value=1 ").append(nanos + i).append('\n');
            body.append("http_req_duration").append(tags).append(" value=").append(10 + i).append(' ').append(nanos + i).append('\n');
        }
        return HttpCall.method("POST", base + "/write?db=k6", body.toString().getBytes(StandardCharsets.UTF_8))
                .header("Authorization", "Token " + token).send();
    }

    @Test
    void aRestartReplaysWritesIntoTheSameRunWithNothingLostOrDoubled() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("InfluxRecovery")) {
            Path journal = ConsumerTestSetup.journalDir("influx-recovery");
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, ConsumerTestSetup.properties(database, journal))) {
                String base = first.getURL().toString();
                assertEquals(204, k6Write(base, token, 10).status());
                assertEquals(204, k6Write(base, token, 20).status());
                // stopped before any tick: the run and its data exist only in the journal
            }
            assertEquals(null, database.row("SELECT uuid FROM runs WHERE origin = 'k6'"));

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, ConsumerTestSetup.properties(database, journal))) {
                String base = second.getURL().toString();
                FlushJob flush = second.getApplicationContext().getBean(FlushJob.class);
                flush.flushNow();
                assertEquals(30L, ((Number) database.row("SELECT requests FROM runs WHERE origin = 'k6'").get("requests")).longValue());
                assertEquals(204, k6Write(base, token, 5).status());
                flush.flushNow();
            }
            try (EmbeddedServer third = ApplicationContext.run(EmbeddedServer.class, ConsumerTestSetup.properties(database, journal))) {
                assertEquals(204, k6Write(third.getURL().toString(), token, 1).status(), "after a restart from MySQL, too");
                third.getApplicationContext().getBean(FlushJob.class).flushNow();
            }
            assertEquals(1L, ((Number) database.row("SELECT COUNT(*) AS n FROM runs WHERE origin = 'k6'").get("n")).longValue(), "one run");
            Map<String, Object> run = database.row("SELECT * FROM runs WHERE origin = 'k6'");
            assertEquals(36L, ((Number) run.get("requests")).longValue());
            assertEquals("RUNNING", run.get("status"));
        }
    }
}
