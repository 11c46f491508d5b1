package io.loadstack.consumer.writer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.loadstack.consumer.ConsumerTestSetup;
import io.loadstack.consumer.journal.RecordingJournal;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.TcpProxy;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose data MySQL refuses must not hold back the others; MySQL being away must not make the writer
 * give up on anything. The bad runs are made here through the journal directly, as the request parsing
 * refuses such times before they get that far.
 */
class RefusedRunTest {

    private static final String TEN_REQUESTS =
            "{\"source\":\"g\",\"seq\":%d,\"users\":10,\"endpoints\":[{\"method\":\"GET\",\"name\":\"/a\",\"requests\":10,\"failures\":1,\"responseTimes\":{\"20\":10}}]}";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger writerLogger = (Logger) LoggerFactory.getLogger(RunWriter.class.getPackageName());

    @BeforeEach
    void watchTheWriterLog() {
        log.start();
        writerLogger.addAppender(log);
    }

    @AfterEach
    void stopWatching() {
        writerLogger.detachAppender(log);
    }

    @Test
    void aRunMySqlRefusesIsSetAsideAndTheOthersAreStoredWithTheCheckpoint() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("RefusedRun")) {
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            long owner = ((Number) database.row("SELECT id FROM users WHERE username = 'alice'").get("id")).longValue();
            String tooLate;
            String farTooLate;
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                    ConsumerTestSetup.properties(database, ConsumerTestSetup.journalDir("refused")))) {
                String base = server.getURL().toString();
                RecordingJournal journal = server.getApplicationContext().getBean(RecordingJournal.class);
                FlushJob flush = server.getApplicationContext().getBean(FlushJob.class);
                String before = ConsumerTestSetup.register(base, token, "{}");
                // Out of DATETIME's range, and out of java.sql.Timestamp's.
                tooLate = register(journal, owner, Instant.ofEpochMilli(Long.MAX_VALUE));
                farTooLate = register(journal, owner, Instant.parse("+999999999-12-31T23:59:59Z"));
                String after = ConsumerTestSetup.register(base, token, "{}");
                assertEquals(202, ConsumerTestSetup.stats(base, token, after, TEN_REQUESTS.formatted(1)).status());

                assertTrue(flush.flushNow(), "nothing stays pending: the refused runs are set aside");
                assertNotNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", before));
                assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", after).get("requests")).longValue());
                assertNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", tooLate));
                assertNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", farTooLate));
                long checkpoint = server.getApplicationContext().getBean(RunStore.class).checkpoint(journal.journalId());
                assertTrue(checkpoint > 0, "the checkpoint moves on past the refused runs");

                // Their later writes are set aside too, without holding anything back or logging again.
                assertEquals(202, ConsumerTestSetup.stats(base, token, after, TEN_REQUESTS.formatted(2)).status());
                String later = ConsumerTestSetup.register(base, token, "{}");
                assertTrue(flush.flushNow());
                assertEquals(20L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", after).get("requests")).longValue());
                assertNotNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", later));
                assertTrue(server.getApplicationContext().getBean(RunStore.class).checkpoint(journal.journalId()) > checkpoint);
                assertEquals(200, HttpCall.get(base + "/api/healthcheck").send().status());
            }
            List<ILoggingEvent> setAside = errorsNaming(tooLate);
            assertEquals(1, setAside.size(), "one ERROR for the run, naming it: " + messages());
            assertNotNull(setAside.get(0).getThrowableProxy(), "with its stack trace");
            assertEquals(1, errorsNaming(farTooLate).size(), messages());
        }
    }

    @Test
    void whileMySqlIsCutNothingIsSetAsideAndEverythingIsWrittenWhenItIsBack() throws Exception {
        try (TestDatabase database = ConsumerTestSetup.database("RefusedRunCut");
             TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
            Map<String, Object> properties = ConsumerTestSetup.properties(database, ConsumerTestSetup.journalDir("refusedcut"));
            properties.put("datasources.default.url", proxy.rewrite(database.url()));
            String token = ConsumerTestSetup.userWithToken(database, "alice");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                String base = server.getURL().toString();
                FlushJob flush = server.getApplicationContext().getBean(FlushJob.class);
                String first = ConsumerTestSetup.register(base, token, "{}");
                proxy.cut();
                List<String> registeredWhileCut = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    registeredWhileCut.add(ConsumerTestSetup.register(base, token, "{}"));
                }
                assertEquals(202, ConsumerTestSetup.stats(base, token, first, TEN_REQUESTS.formatted(1)).status());
                assertFalse(flush.flushNow(), "the write fails while MySQL is cut");
                assertFalse(flush.flushNow(), "and again");
                proxy.start();
                boolean written = false;
                for (int attempt = 0; attempt < 20 && !written; attempt++) {
                    written = flush.flushNow();
                    if (!written) {
                        TimeUnit.MILLISECONDS.sleep(250);
                    }
                }
                assertTrue(written, "the writer catches up once MySQL is back");
                for (String uuid : registeredWhileCut) {
                    assertNotNull(database.row("SELECT uuid FROM runs WHERE uuid = ?", uuid), "written after the cut: " + uuid);
                }
                assertEquals(10L, ((Number) database.row("SELECT requests FROM runs WHERE uuid = ?", first).get("requests")).longValue());
            }
            assertTrue(log.list.stream().noneMatch(event -> event.getLevel() == Level.ERROR),
                    "an unreachable MySQL sets nothing aside: " + messages());
        }
    }

    private static String register(RecordingJournal journal, long owner, Instant startedAt) throws Exception {
        String uuid = UUID.randomUUID().toString();
        journal.submit(new RunEvent.Registered(uuid, owner, Instant.now(), startedAt, "bad time", "events", "loadgen-1",
                null, Map.of(), null, null)).get(10, TimeUnit.SECONDS);
        return uuid;
    }

    private List<ILoggingEvent> errorsNaming(String uuid) {
        return log.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR && event.getFormattedMessage().contains(uuid))
                .toList();
    }

    private String messages() {
        return log.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList().toString();
    }
}
