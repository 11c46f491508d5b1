package io.loadstack.consumer.ingest;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.writer.FlushJob;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer reaches MariaDB through a proxy the tests cut, as if the database had died. */
class IngestWithMySqlDownTest extends ConsumerServerTest {

    private static final String STATS =
            "{\"source\":\"g\",\"seq\":1,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":1,\"failures\":0,\"responseTimes\":{\"9\":1}}]}";

    private final TcpProxy proxy = TcpProxy.inFrontOf(database.url());

    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("datasources.default.url", proxy.rewrite(database.url()));
        // A finished run leaves memory at the next tick: only MySQL knows it afterwards.
        properties.put("loadstack.keep-finished", "0s");
    }

    @AfterEach
    void reconnect() {
        proxy.start();
    }

    @Test
    void aRunOnlyMySqlKnowsIsNotCalledUnknownWhileMySqlIsDown() throws Exception {
        String uuid = register("{}");
        assertEquals(200, commit(uuid).status());
        assertTrue(bean(FlushJob.class).flushNow());
        assertTrue(bean(RunRecorder.class).find(uuid).isEmpty(), "precondition: the run is only in MySQL now");
        assertEquals(409, stats(uuid, STATS).status(), "with MySQL up, the stored run is known to be finished");

        proxy.cut();
        HttpCall.Response response = stats(uuid, STATS);
        assertEquals(503, response.status(), "whether the run exists cannot be known now: " + response);
        assertNotNull(response.header("Retry-After"), response.toString());
        assertInstanceOf(String.class, response.json().get("error"));
        assertEquals(503, commit(uuid).status());
    }

    @Test
    void aTokenNotSeenBeforeIsNotCalledWrongWhileMySqlIsDown() throws Exception {
        String newcomer = ConsumerTestSetup.userWithToken(database, "newcomer");
        String uuid = register("{}");
        proxy.cut();
        HttpCall.Response response = ConsumerTestSetup.stats(base, newcomer, uuid, STATS);
        assertEquals(503, response.status(), "the token cannot be checked now, which is not the client's fault: " + response);
        assertNotNull(response.header("Retry-After"), response.toString());
        assertInstanceOf(String.class, response.json().get("error"));
        proxy.start();
        // The pool reconnects on its own schedule: poll, with a bound, until the token can be checked.
        int status = 503;
        for (int attempt = 0; attempt < 100 && status == 503; attempt++) {
            status = ConsumerTestSetup.stats(base, newcomer, uuid, STATS).status();
            if (status == 503) {
                Thread.sleep(100);
            }
        }
        assertEquals(403, status, "once the token can be checked: it is valid, the run is another user's");
    }
}
