package io.loadstack.consumer.influx;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Line-protocol writes go through the journal: a restart replays them into the same run, once. */
class InfluxRecoveryTest extends ConsumerServerTest {

    private HttpCall.Response k6Write(int requests) {
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
        assertEquals(204, k6Write(10).status());
        assertEquals(204, k6Write(20).status());
        stop();
        // stopped before any tick: the run and its data exist only in the journal
        assertEquals(null, database.row("SELECT uuid FROM runs WHERE origin = 'k6'"));

        start();
        bean(FlushJob.class).flushNow();
        assertEquals(30L, ((Number) database.row("SELECT requests FROM runs WHERE origin = 'k6'").get("requests")).longValue());
        assertEquals(204, k6Write(5).status());
        bean(FlushJob.class).flushNow();

        restart();
        assertEquals(204, k6Write(1).status(), "after a restart from MySQL, too");
        bean(FlushJob.class).flushNow();
        assertEquals(1L, ((Number) database.row("SELECT COUNT(*) AS n FROM runs WHERE origin = 'k6'").get("n")).longValue(), "one run");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE origin = 'k6'");
        assertEquals(36L, ((Number) run.get("requests")).longValue());
        assertEquals("RUNNING", run.get("status"));
    }
}
