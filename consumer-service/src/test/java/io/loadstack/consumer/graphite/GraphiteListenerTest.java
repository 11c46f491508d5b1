package io.loadstack.consumer.graphite;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.consumer.writer.FlushJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Graphite listener over real TCP against a real MariaDB, with lines in the exact shape Gatling 3.10's
 * Graphite writer sends (a flush a second: users, then per request ok/ko/all statistics).
 */
class GraphiteListenerTest extends ConsumerServerTest {

    private FlushJob flush;
    private GraphiteServer graphite;
    private GraphiteCounts counts;

    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("loadstack.gatling.idle-timeout", "2s");
        properties.put("loadstack.graphite.idle-timeout", "2s");
        properties.put("loadstack.graphite.max-connections", "3");
        properties.put("loadstack.graphite.max-request-names", "50");
        properties.put("loadstack.graphite.max-line-length", "512");
    }

    @BeforeAll
    void findTheListener() {
        flush = bean(FlushJob.class);
        graphite = bean(GraphiteServer.class);
        counts = bean(GraphiteCounts.class);
    }

    /**
     * The listener takes at most three connections: a test whose connections the server has not yet seen closed
     * would get the next test's socket refused at once (read -1, counted "refused"), which looks like any other close.
     */
    @BeforeEach
    void earlierConnectionsAreClosed() throws InterruptedException {
        waitFor("earlier connections to close", () -> graphite.openConnections() == 0);
    }

    /** One Gatling flush: what its Graphite writer sends for these (request, ok count, ko count, ms) windows. */
    private static String gatlingFlush(String prefix, String simulation, long epoch, int active, Object[]... requests) {
        StringBuilder lines = new StringBuilder();
        String root = prefix + "." + simulation;
        for (String scenario : new String[]{"allUsers", "Shop_visitors"}) {
            lines.append(root).append(".users.").append(scenario).append(".active ").append(active).append(' ').append(epoch).append('\n');
            lines.append(root).append(".users.").append(scenario).append(".waiting 0 ").append(epoch).append('\n');
            lines.append(root).append(".users.").append(scenario).append(".done 3 ").append(epoch).append('\n');
        }
        for (Object[] request : requests) {
            long ok = (Integer) request[1];
            long ko = (Integer) request[2];
            int ms = (Integer) request[3];
            status(lines, root + "." + request[0] + ".ok", ok, ms, epoch);
            status(lines, root + "." + request[0] + ".ko", ko, ms * 2, epoch);
            status(lines, root + "." + request[0] + ".all", ok + ko, ms, epoch);
        }
        return lines.toString();
    }

    private static void status(StringBuilder lines, String path, long count, int ms, long epoch) {
        if (count == 0) {
            lines.append(path).append(".count 0 ").append(epoch).append('\n');
            return;
        }
        String[][] metrics = {{"count", "" + count}, {"min", "" + ms / 2}, {"max", "" + ms * 4}, {"mean", "" + ms},
                {"stdDev", "" + ms / 3}, {"percentiles50", "" + ms}, {"percentiles75", "" + (ms * 5 / 4)},
                {"percentiles95", "" + ms * 2}, {"percentiles99", "" + ms * 3}};
        for (String[] metric : metrics) {
            lines.append(path).append('.').append(metric[0]).append(' ').append(metric[1]).append(' ').append(epoch).append('\n');
        }
    }

    private void send(String text) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", graphite.port())) {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private boolean flushed() {
        try {
            return flush.flushNow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private Map<String, Object> runOf(String simulation) {
        return database.row("SELECT r.* FROM runs r JOIN run_tags t ON t.run_uuid = r.uuid "
                + "WHERE r.origin = 'gatling' AND t.tag_key = 'simulation' AND t.tag_value = ? ORDER BY r.started_at DESC LIMIT 1", simulation);
    }

    @Test
    void gatlingFlushesBecomeARunWithEndpointsPerRequestThatCompletesWhenQuiet() throws Exception {
        long epoch = System.currentTimeMillis() / 1000 - 10;
        double accepted = counts.lineCount("accepted");
        StringBuilder stream = new StringBuilder();
        stream.append(gatlingFlush(token + ".gatling", "shopsimulation", epoch, 5,
                new Object[]{"home_page", 40, 0, 20}, new Object[]{"add_to-cart", 10, 2, 80}, new Object[]{"allRequests", 50, 2, 30}));
        stream.append(gatlingFlush(token + ".gatling", "shopsimulation", epoch + 1, 7,
                new Object[]{"home_page", 38, 2, 22}, new Object[]{"add_to-cart", 0, 0, 0}, new Object[]{"allRequests", 38, 2, 22}));
        // Gatling's last flush at stop: every user done
        stream.append(gatlingFlush(token + ".gatling", "shopsimulation", epoch + 2, 0,
                new Object[]{"home_page", 1, 0, 20}, new Object[]{"add_to-cart", 0, 1, 50}, new Object[]{"allRequests", 1, 1, 30}));
        int lines = (int) stream.chars().filter(c -> c == '\n').count();
        send(stream.toString());
        waitFor("the lines to be journaled", () -> counts.lineCount("accepted") >= accepted + lines);
        assertTrue(flush.flushNow());

        Map<String, Object> run = runOf("shopsimulation");
        assertNotNull(run, "no gatling run");
        assertEquals("shopsimulation", run.get("name"));
        assertEquals("RUNNING", run.get("status"));
        assertEquals(40L + 12 + 40 + 1 + 1, number(run, "requests"));
        assertEquals(2L + 2 + 1, number(run, "failures"));
        assertEquals(7L, number(run, "max_users"));
        Map<String, Object> home = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'home_page'", run.get("uuid"));
        assertEquals("GATLING", home.get("method"));
        assertEquals(81L, number(home, "requests"));
        assertEquals(2L, number(home, "failures"));
        Map<String, Object> cart = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'add_to-cart'", run.get("uuid"));
        assertEquals(13L, number(cart, "requests"));
        assertEquals(3L, number(cart, "failures"));
        assertNull(database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'allRequests'", run.get("uuid")),
                "allRequests repeats the requests: it is no endpoint of its own");
        // the window's percentiles are reproduced: home_page's p50 is 20 or 22 ms in every window
        double p50 = ((Number) home.get("p50_ms")).doubleValue();
        assertTrue(p50 >= 19.5 && p50 <= 22.5, "home_page p50 " + p50);

        // Gatling sends no end mark: two quiet seconds (the test's setting) complete the run
        Thread.sleep(2_500);
        assertTrue(flush.flushNow());
        run = runOf("shopsimulation");
        assertEquals("COMPLETED", run.get("status"));
        assertEquals(94L, number(run, "requests"));
    }

    @Test
    void lightModeSendsOnlyAllRequestsWhichBecomesTheOneEndpoint() throws Exception {
        long epoch = System.currentTimeMillis() / 1000;
        double accepted = counts.lineCount("accepted");
        String lines = gatlingFlush(token, "lightsimulation", epoch, 3, new Object[]{"allRequests", 30, 3, 40});
        send(lines);
        waitFor("the lines", () -> counts.lineCount("accepted") >= accepted + lines.chars().filter(c -> c == '\n').count());
        assertTrue(flush.flushNow());
        Map<String, Object> run = runOf("lightsimulation");
        assertEquals(33L, number(run, "requests"));
        assertEquals(3L, number(run, "failures"));
        assertEquals(33L, number(database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = 'allRequests'", run.get("uuid")), "requests"));
    }

    @Test
    void linesWithoutAValidTokenAreDroppedAndCountedNeverStored() throws Exception {
        long epoch = System.currentTimeMillis() / 1000;
        double noToken = counts.lineCount("no_token");
        double unknown = counts.lineCount("unknown_token");
        String withoutToken = gatlingFlush("gatling", "notokensimulation", epoch, 1, new Object[]{"home", 5, 0, 10});
        String wrongToken = gatlingFlush("lst_NotAnIssuedToken0000000000000000000000000000.gatling", "wrongtokensimulation", epoch, 1,
                new Object[]{"home", 5, 0, 10});
        send(withoutToken + wrongToken);
        long each = withoutToken.chars().filter(c -> c == '\n').count();
        waitFor("the refusals", () -> counts.lineCount("no_token") >= noToken + each && counts.lineCount("unknown_token") >= unknown + each);
        assertTrue(flush.flushNow());
        assertNull(runOf("notokensimulation"));
        assertNull(runOf("wrongtokensimulation"));
        assertNull(database.row("SELECT * FROM runs WHERE name IN ('notokensimulation', 'wrongtokensimulation')"));
    }

    @Test
    void unparsableAndAbsurdLinesAreCountedAndTheirNeighboursKept() throws Exception {
        long epoch = System.currentTimeMillis() / 1000;
        double unparsable = counts.lineCount("unparsable");
        double absurd = counts.lineCount("absurd");
        double accepted = counts.lineCount("accepted");
        String root = token + ".gatling.oddsimulation";
        String text = "this is not graphite at all\n"
                + root + ".home.all.count twelve " + epoch + "\n"
                + root + ".home.all.count 1e300 " + epoch + "\n"
                + root + ".home.all.max -5 " + epoch + "\n"
                + root + ".home.all.mean NaN " + epoch + "\n"
                + root + "..home.all.count 1 " + epoch + "\n"
                + "\u0000\u00ff\u0001 binary\n"
                + gatlingFlush(token + ".gatling", "oddsimulation", epoch, 2, new Object[]{"home", 9, 1, 15});
        send(text);
        waitFor("the counts", () -> counts.lineCount("unparsable") >= unparsable + 4 && counts.lineCount("absurd") >= absurd + 3
                && counts.lineCount("accepted") > accepted);
        waitFor("the run", () -> flushed() && runOf("oddsimulation") != null);
        Map<String, Object> run = runOf("oddsimulation");
        assertEquals(10L, number(run, "requests"));
        assertEquals(1L, number(run, "failures"));
    }

    @Test
    void aFloodOfDistinctRequestNamesIsBoundedAndCounted() throws Exception {
        long epoch = System.currentTimeMillis() / 1000;
        double overflow = counts.lineCount("overflow");
        List<Object[]> requests = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            requests.add(new Object[]{"name" + i, 1, 0, 10});
        }
        send(gatlingFlush(token + ".gatling", "floodsimulation", epoch, 1, requests.toArray(new Object[0][])));
        // 30 names beyond the test's limit of 50, each with its ok (9), ko (1) and all (9) lines
        waitFor("the overflow", () -> counts.lineCount("overflow") >= overflow + 30 * 19);
        waitFor("the run", () -> flushed() && runOf("floodsimulation") != null);
        Map<String, Object> run = runOf("floodsimulation");
        assertEquals(50L, number(run, "requests"));
        assertEquals(50L, number(database.row("SELECT COUNT(*) AS n FROM run_endpoints WHERE run_uuid = ?", run.get("uuid")), "n"));
    }

    @Test
    void aLineLongerThanTheLimitClosesTheConnection() throws Exception {
        double tooLong = counts.connectionCount("line_too_long");
        try (Socket socket = new Socket("127.0.0.1", graphite.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("x".repeat(600)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(-1, socket.getInputStream().read(), "the connection is closed");
        }
        assertTrue(counts.connectionCount("line_too_long") > tooLong);
    }

    @Test
    void aConnectionThatNeverSendsANewlineIsClosedAfterTheIdleTimeout() throws Exception {
        double idle = counts.connectionCount("idle");
        try (Socket socket = new Socket("127.0.0.1", graphite.port())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean closed = false;
            // a byte every half second, never a newline: still closed once no line completed for 2 s
            while (!closed && System.nanoTime() < deadline) {
                try {
                    out.write('a');
                    out.flush();
                    closed = in.read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true; // reset by the peer
                }
            }
            assertTrue(closed, "the connection was not closed");
        }
        assertTrue(counts.connectionCount("idle") > idle);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        double refused = counts.connectionCount("refused");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(new Socket("127.0.0.1", graphite.port()));
            }
            waitFor("three connections", () -> graphite.openConnections() == 3);
            try (Socket extra = new Socket("127.0.0.1", graphite.port())) {
                extra.setSoTimeout(10_000);
                assertEquals(-1, extra.getInputStream().read(), "the fourth connection is closed");
            }
            assertEquals(refused + 1, counts.connectionCount("refused"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
