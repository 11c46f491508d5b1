package io.loadstack.provisioner.queue;

import com.zaxxer.hikari.HikariDataSource;
import io.loadstack.provisioner.Database;
import io.loadstack.provisioner.Deadline;
import io.loadstack.provisioner.LaunchRows;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two provisioners in one JVM, each with its own connection pool, on one real MariaDB schema. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestQueueTest {

    private static final Duration LONG_LEASE = Duration.ofMinutes(5);

    private TestDatabase database;
    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private RequestQueue a;
    private RequestQueue b;

    @BeforeAll
    void schema() {
        database = LaunchRows.schema("RequestQueueTest");
        poolA = pool();
        poolB = pool();
        a = new RequestQueue(new Database(poolA));
        b = new RequestQueue(new Database(poolB));
    }

    @AfterAll
    void close() {
        poolA.close();
        poolB.close();
        database.close();
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.username());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(2);
        return pool;
    }

    /** Claims everything claimable for this test, leaving other tests' rows (claimed already) alone. */
    private void drain() {
        while (a.claimNext("drain", LONG_LEASE).isPresent()) {
            // claimed away
        }
    }

    @Test
    void twoProvisionersClaimEachRequestExactlyOnce() throws Exception {
        drain();
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            queued.add(LaunchRows.provisioned(database, "docker", Map.of("eu", 1)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> byA = threads.submit(claimAll(a, "provisioner-a"));
            Future<List<Long>> byB = threads.submit(claimAll(b, "provisioner-b"));
            List<Long> claimedByA = byA.get();
            List<Long> claimedByB = byB.get();
            List<Long> all = new ArrayList<>(claimedByA);
            all.addAll(claimedByB);
            assertEquals(queued.size(), all.size(), "claims, one per request");
            assertEquals(queued, new HashSet<>(all), "every request claimed");
            for (long launch : claimedByA) {
                assertEquals("provisioner-a", LaunchRows.request(database, launch).get("claimed_by"));
            }
            for (long launch : claimedByB) {
                assertEquals("provisioner-b", LaunchRows.request(database, launch).get("claimed_by"));
                assertEquals("CLAIMED", LaunchRows.request(database, launch).get("status"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<List<Long>> claimAll(RequestQueue queue, String owner) {
        return () -> {
            List<Long> claimed = new ArrayList<>();
            for (Optional<ProvisionRequest> next = queue.claimNext(owner, LONG_LEASE); next.isPresent();
                 next = queue.claimNext(owner, LONG_LEASE)) {
                claimed.add(next.get().launchId());
            }
            return claimed;
        };
    }

    @Test
    void aClaimCarriesItsEngineAndAgents() {
        drain();
        long launch = LaunchRows.provisioned(database, "swarm", Map.of("eu", 2, "us", 1));
        ProvisionRequest request = a.claimNext("provisioner-a", LONG_LEASE).orElseThrow();
        assertEquals(launch, request.launchId());
        assertEquals(Engine.SWARM, request.engine());
        assertEquals(List.of(new PlannedAgent(LaunchRows.agentName(launch, "eu", 1), "eu"),
                        new PlannedAgent(LaunchRows.agentName(launch, "eu", 2), "eu"),
                        new PlannedAgent(LaunchRows.agentName(launch, "us", 1), "us")),
                request.agents());
        assertEquals(Set.of("eu", "us"), request.byRegion().keySet());
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        drain();
        long launch = LaunchRows.provisioned(database, "docker", Map.of("eu", 1));
        assertEquals(launch, a.claimNext("provisioner-a", Duration.ofMillis(500)).orElseThrow().launchId());
        // Provisioner a "dies": it renews no more. b takes the request once the lease has passed.
        ProvisionRequest taken = Deadline.await("b takes over the request whose lease passed", Duration.ofSeconds(20),
                () -> b.claimNext("provisioner-b", LONG_LEASE).orElse(null), r -> r != null);
        assertEquals(launch, taken.launchId());
        assertEquals("provisioner-b", LaunchRows.request(database, launch).get("claimed_by"));
        assertFalse(a.renew(launch, "provisioner-a", LONG_LEASE), "a's renewal tells it the request is no longer its");
        assertTrue(b.renew(launch, "provisioner-b", LONG_LEASE));
    }

    @Test
    void aLiveLeaseIsNotTakenOver() {
        drain();
        long launch = LaunchRows.provisioned(database, "docker", Map.of("eu", 1));
        assertEquals(launch, a.claimNext("provisioner-a", LONG_LEASE).orElseThrow().launchId());
        assertTrue(a.renew(launch, "provisioner-a", LONG_LEASE));
        assertEquals(Optional.empty(), b.claimNext("provisioner-b", LONG_LEASE));
        assertEquals("provisioner-a", LaunchRows.request(database, launch).get("claimed_by"));
    }

    @Test
    void aRestartedProvisionerTakesBackItsOwnClaims() {
        drain();
        long launch = LaunchRows.provisioned(database, "docker", Map.of("eu", 1));
        assertEquals(launch, a.claimNext("provisioner-restarted", LONG_LEASE).orElseThrow().launchId());
        assertEquals(List.of(), b.reclaimOwn("provisioner-other", LONG_LEASE).stream()
                .filter(r -> r.launchId() == launch).toList());
        List<ProvisionRequest> own = b.reclaimOwn("provisioner-restarted", LONG_LEASE);
        assertEquals(List.of(launch), own.stream().map(ProvisionRequest::launchId).toList());
    }

    @Test
    void releasedAndFailedRequestsAreNotClaimedAgain() {
        drain();
        long released = LaunchRows.provisioned(database, "docker", Map.of("eu", 1));
        a.claimNext("provisioner-a", LONG_LEASE).orElseThrow();
        a.release(released, "provisioner-a");
        long failed = LaunchRows.provisioned(database, "docker", Map.of("eu", 1));
        a.claimNext("provisioner-a", LONG_LEASE).orElseThrow();
        a.fail(failed, "provisioner-a", "the agent image is missing");
        assertEquals(Optional.empty(), b.claimNext("provisioner-b", LONG_LEASE));
        assertEquals("RELEASED", LaunchRows.request(database, released).get("status"));
        assertEquals("FAILED", LaunchRows.request(database, failed).get("status"));
        assertEquals("the agent image is missing", LaunchRows.request(database, failed).get("reason"));
    }

    @Test
    void aRequestForAnUnknownEngineFailsWithAReason() {
        drain();
        long launch = LaunchRows.provisioned(database, "kubernetes", Map.of("eu", 1));
        assertEquals(Optional.empty(), a.claimNext("provisioner-a", LONG_LEASE));
        assertEquals("FAILED", LaunchRows.request(database, launch).get("status"));
        assertTrue(((String) LaunchRows.request(database, launch).get("reason")).contains("unknown engine 'kubernetes'"));
    }
}
