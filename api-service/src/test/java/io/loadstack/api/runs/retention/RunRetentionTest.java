package io.loadstack.api.runs.retention;

import io.loadstack.api.ApiServerTest;
import io.loadstack.api.ApiTestServer;
import io.loadstack.api.runs.RunFixtures;
import io.loadstack.testsupport.HttpCall;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention against MariaDB, called directly (this server has no LOADSTACK_RUN_RETENTION, so nothing runs on
 * its own); RetentionScheduleTest shows the schedule. Each test deletes every deletable run it makes, so the
 * counts of one are not upset by another.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunRetentionTest extends ApiServerTest {

    private static final RetentionAge HALF_A_YEAR = RetentionAge.parse("180d").orElseThrow();
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final String[] TABLES = {"runs", "run_tags", "run_intervals", "run_endpoints", "run_errors", "run_pins"};

    private final RunFixtures fixtures = new RunFixtures(database);

    @Inject
    RunRetention retention;

    @Inject
    ExpiredRuns expired;

    private String user;

    @Override
    public Map<String, String> getProperties() {
        RunFixtures.createTables(database);
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // Small batches, so that a pass takes several.
        properties.put("loadstack.retention-batch-size", "7");
        return properties;
    }

    @BeforeAll
    void signInAUser() {
        assertEquals(201, HttpCall.post(url("/api/users"), "{\"username\":\"tester\",\"password\":\"tester-password\"}")
                .bearer(admin).send().status());
        user = ApiTestServer.login(server.getURL().toString(), "tester", "tester-password");
    }

    @Test
    void oldRunsGoWithTheirRecordsButPinnedBaselineRecentAndRunningRunsStay() {
        String old = fixtures.insert(RunFixtures.run().name("old").startedAt(LONG_AGO));
        String abandoned = fixtures.insert(RunFixtures.run().name("old, abandoned").status("ABANDONED").startedAt(LONG_AGO.plusSeconds(60)));
        String pinned = fixtures.insert(RunFixtures.run().name("old, pinned").startedAt(LONG_AGO));
        String baseline = fixtures.insert(RunFixtures.run().name("old, a baseline").startedAt(LONG_AGO));
        String recent = fixtures.insert(RunFixtures.run().name("recent").startedAt(Instant.now().minus(Duration.ofHours(1))));
        // Started long ago and still going: its end is not older than the retention.
        String running = fixtures.insert(RunFixtures.run().name("old, running").status("RUNNING").startedAt(LONG_AGO));
        assertEquals(200, HttpCall.post(url("/api/runs/" + pinned + "/pin"), "").bearer(user).send().status());
        makeBaseline("checkout", baseline);

        RetentionReport report = retention.deleteExpired(HALF_A_YEAR).orElseThrow();

        assertEquals(new RetentionReport(2, 1, 1), report);
        assertEquals("deleted 2 runs older than 180d (kept 1 pinned, 1 baseline)", report.describe(HALF_A_YEAR));
        for (String gone : List.of(old, abandoned)) {
            for (String table : TABLES) {
                assertEquals(0, fixtures.count(table, gone), table + " of " + gone);
            }
            assertEquals(404, HttpCall.get(url("/api/runs/" + gone)).bearer(user).send().status());
        }
        for (String kept : List.of(pinned, baseline, recent, running)) {
            assertEquals(1, fixtures.count("runs", kept), kept);
            assertEquals(12, fixtures.count("run_intervals", kept), "its records stay too");
        }
        assertEquals(1, fixtures.count("run_pins", pinned));

        assertEquals(new RetentionReport(0, 1, 1), retention.deleteExpired(HALF_A_YEAR).orElseThrow(), "a second pass finds nothing more");
        assertEquals(200, HttpCall.delete(url("/api/runs/" + pinned + "/pin")).bearer(user).send().status());
        assertEquals(new RetentionReport(1, 0, 1), retention.deleteExpired(HALF_A_YEAR).orElseThrow(), "unpinned, it goes");
        assertEquals(0, fixtures.count("runs", pinned));
    }

    @Test
    void twoReplicasAtOnceDeleteEachRunOnce() throws Exception {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            old.add(fixtures.insert(RunFixtures.run().name("old " + i).startedAt(LONG_AGO.plusSeconds(i)).records(1)));
        }
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Optional<RetentionReport>>> passes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                passes.add(CompletableFuture.supplyAsync(() -> {
                    awaitGate(gate);
                    return retention.deleteExpired(HALF_A_YEAR);
                }, replicas));
            }
            gate.countDown();
            int deleted = 0;
            int worked = 0;
            for (CompletableFuture<Optional<RetentionReport>> pass : passes) {
                Optional<RetentionReport> report = pass.get(2, TimeUnit.MINUTES);
                if (report.isPresent()) {
                    worked++;
                    deleted += report.get().deleted();
                }
            }
            assertTrue(worked >= 1, "at least one pass took the lock");
            assertEquals(30, deleted, "each run deleted by exactly one of the two passes");
        } finally {
            replicas.shutdownNow();
        }
        for (String uuid : old) {
            for (String table : TABLES) {
                assertEquals(0, fixtures.count(table, uuid), table + " of " + uuid);
            }
        }
    }

    @Test
    void aRunPinnedAfterRetentionPickedItStays() {
        String uuid = fixtures.insert(RunFixtures.run().name("pinned just in time").startedAt(LONG_AGO));
        Instant cutoff = Instant.now().minus(HALF_A_YEAR.duration());
        ExpiredRuns.Tables tables = expired.tables();
        assertTrue(expired.batch(tables, cutoff, "", 1000).contains(uuid));

        assertEquals(200, HttpCall.post(url("/api/runs/" + uuid + "/pin"), "").bearer(user).send().status());

        assertFalse(expired.delete(tables, uuid, cutoff), "checked again under the run's lock");
        assertEquals(1, fixtures.count("runs", uuid));
        assertEquals(12, fixtures.count("run_intervals", uuid));
        // Leave nothing deletable behind for the other tests' counts: unpinned, the next pass takes it.
        assertEquals(200, HttpCall.delete(url("/api/runs/" + uuid + "/pin")).bearer(user).send().status());
        assertTrue(expired.delete(tables, uuid, cutoff));
        assertEquals(0, fixtures.count("runs", uuid));
    }

    @Test
    void anotherHolderOfTheLockMakesAPassSkipItsTurn() throws Exception {
        String uuid = fixtures.insert(RunFixtures.run().name("waits for its turn").startedAt(LONG_AGO));
        try (Connection other = database.connect(); PreparedStatement lock = other.prepareStatement(
                "SELECT GET_LOCK(LEFT(CONCAT(?, '@', DATABASE()), 64), 0)")) {
            lock.setString(1, RunRetention.LOCK);
            try (var row = lock.executeQuery()) {
                row.next();
                assertEquals(1, row.getInt(1), "this session, standing for another replica, holds the lock");
            }
            assertEquals(Optional.empty(), retention.deleteExpired(HALF_A_YEAR));
            assertEquals(1, fixtures.count("runs", uuid));
            try (PreparedStatement release = other.prepareStatement("SELECT RELEASE_LOCK(LEFT(CONCAT(?, '@', DATABASE()), 64))")) {
                release.setString(1, RunRetention.LOCK);
                release.executeQuery().close();
            }
        }
        assertEquals(1, retention.deleteExpired(HALF_A_YEAR).orElseThrow().deleted());
        assertEquals(0, fixtures.count("runs", uuid));
    }

    /**
     * Makes the run its test's baseline. The tests table belongs to verdicts (V5__tests.sql); where this
     * branch runs without it, it is made here with the same columns.
     */
    private void makeBaseline(String test, String uuid) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS tests (
                        name              VARCHAR(200)  NOT NULL,
                        thresholds        JSON          NOT NULL,
                        tolerances        JSON          NULL,
                        baseline_run_uuid CHAR(36)      NULL,
                        updated_at        DATETIME(3)   NOT NULL,
                        updated_by        VARCHAR(64)   NOT NULL,
                        PRIMARY KEY (name),
                        KEY ix_tests_baseline (baseline_run_uuid)
                    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""");
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO tests (name, thresholds, baseline_run_uuid, updated_at, updated_by)
                    VALUES (?, '[]', ?, NOW(3), 'admin')""")) {
                insert.setString(1, test);
                insert.setString(2, uuid);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
