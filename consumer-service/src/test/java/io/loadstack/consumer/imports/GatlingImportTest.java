package io.loadstack.consumer.imports;

import io.loadstack.consumer.ConsumerServerTest;
import io.loadstack.testsupport.HttpCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /apiv0.1/imports/gatling} over HTTP against a real MariaDB, with simulation.log files that real
 * Gatling runs wrote (test resources gatling/&lt;version&gt;/, each with its report's stats.js), and with
 * hostile uploads: garbage, lying lengths, zip bombs.
 */
class GatlingImportTest extends ConsumerServerTest {


    @Override
    protected void configure(Map<String, Object> properties) {
        properties.put("loadstack.import.max-log-bytes", "1000000");
        properties.put("loadstack.import.max-zip-entries", "50");
    }

    private HttpCall.Response upload(byte[] body) {
        return HttpCall.method("POST", base + "/apiv0.1/imports/gatling", body).header("Authorization", "Token " + token).send();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = GatlingImportTest.class.getResourceAsStream("/gatling/" + path)) {
            assertNotNull(in, "missing test resource gatling/" + path);
            return in.readAllBytes();
        }
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The report's counts of a fixture run: request name (or "All Requests") → {total, ko}. */
    private static Map<String, long[]> reportCounts(String version) throws IOException {
        Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        for (String line : new String(resource(version + "/report-counts.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t");
                counts.put(parts[0], new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return counts;
    }

    /** Logs that real Gatling runs wrote (text in 3.10, binary since 3.13), each with the counts of its own report. */
    @ParameterizedTest
    @ValueSource(strings = {"3.10.5", "3.13.5", "3.15.1"})
    void simulationLogsOfRealGatlingRunsImportWithTheCountsOfTheirReports(String version) throws Exception {
        byte[] log = resource(version + "/simulation.log");
        Map<String, long[]> report = reportCounts(version);
        HttpCall.Response response = upload(zip(Map.of("shopsimulation-20261202/simulation.log", log)));
        assertEquals(201, response.status(), response.toString());
        String uuid = (String) response.json().get("uuid");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("COMPLETED", run.get("status"));
        assertEquals("gatling", run.get("origin"));
        assertEquals("ShopSimulation", run.get("name"));
        assertEquals(report.get("All Requests")[0], number(run, "requests"));
        assertEquals(report.get("All Requests")[1], number(run, "failures"));
        assertEquals(number(run, "requests"), ((Number) response.json().get("requests")).longValue());
        for (Map.Entry<String, long[]> request : report.entrySet()) {
            if (request.getKey().equals("All Requests")) {
                continue;
            }
            Map<String, Object> endpoint = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ? AND name = ?", uuid, request.getKey());
            assertNotNull(endpoint, "no endpoint " + request.getKey());
            assertEquals("GATLING", endpoint.get("method"));
            assertEquals(request.getValue()[0], number(endpoint, "requests"), request.getKey());
            assertEquals(request.getValue()[1], number(endpoint, "failures"), request.getKey());
        }
        assertEquals(report.size() - 1L, number(database.row("SELECT COUNT(*) AS n FROM run_endpoints WHERE run_uuid = ?", uuid), "n"));
        // the run keeps its own time: intervals from Gatling's start, adding up to the run
        assertEquals(number(run, "requests"), number(database.row(
                "SELECT SUM(requests) AS n FROM run_intervals WHERE run_uuid = ? AND name = ''", uuid), "n"));
        assertEquals(version, database.row("SELECT tag_value FROM run_tags WHERE run_uuid = ? AND tag_key = 'gatlingVersion'", uuid).get("tag_value"));
        Map<String, Object> errors = database.row("SELECT SUM(occurrences) AS n FROM run_errors WHERE run_uuid = ?", uuid);
        assertEquals(number(run, "failures"), number(errors, "n"), "each KO's message in the errors breakdown");

        // the same log again, as it is: the first import stands, and survives a restart without doubling
        HttpCall.Response again = upload(log);
        assertEquals(409, again.status(), again.toString());
        assertTrue(again.body().contains(uuid), again.body());
        restart();
        assertEquals(409, upload(log).status());
        assertEquals(1L, number(database.row("SELECT COUNT(*) AS n FROM runs WHERE uuid = ?", uuid), "n"));
        assertEquals(report.get("All Requests")[0], number(database.row("SELECT * FROM runs WHERE uuid = ?", uuid), "requests"));
    }

    /**
     * A log in Gatling's binary format (as its LogFileDataWriter writes it) with known response times: i ms
     * for the i-th request of "Checkout / Pay", 1 to {@code requests}, every tenth KO, {@code users} users.
     */
    private static byte[] syntheticLog(String simulation, long start, int requests) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        writeString(out, "3.13.5");
        writeString(out, simulation);
        out.writeLong(start);
        writeString(out, "");
        out.writeInt(1);
        writeString(out, "Buyers");
        out.writeInt(0);
        out.writeByte(2); // user start
        out.writeInt(0);
        out.writeBoolean(true);
        out.writeInt(0);
        for (int i = 1; i <= requests; i++) {
            out.writeByte(1);
            out.writeInt(1);
            cached(out, 1, "Checkout", i == 1);
            cached(out, 2, "Pay", i == 1);
            int begin = i * 10;
            out.writeInt(begin);
            out.writeInt(begin + i);
            boolean ok = i % 10 != 0;
            out.writeBoolean(ok);
            if (ok) {
                cached(out, 3, "", i == 1);
            } else {
                cached(out, 4, "status.find.is(200), but actually found 500", i == 10);
            }
        }
        return bytes.toByteArray();
    }

    private static void cached(DataOutputStream out, int index, String value, boolean first) throws IOException {
        if (first) {
            out.writeInt(index);
            writeString(out, value);
        } else {
            out.writeInt(-index);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] latin1 = value.getBytes(StandardCharsets.ISO_8859_1);
        out.writeInt(latin1.length);
        if (latin1.length > 0) {
            out.write(latin1);
            out.writeByte(0);
        }
    }

    @Test
    void percentilesOfAnImportedRunAreTheExactRanksOfItsResponseTimes() throws Exception {
        long start = System.currentTimeMillis() - 3_600_000;
        HttpCall.Response response = upload(syntheticLog("io.example.ExactSimulation", start, 2000));
        assertEquals(201, response.status(), response.toString());
        String uuid = (String) response.json().get("uuid");
        Map<String, Object> run = database.row("SELECT * FROM runs WHERE uuid = ?", uuid);
        assertEquals("ExactSimulation", run.get("name"));
        assertEquals(2000L, number(run, "requests"));
        assertEquals(200L, number(run, "failures"));
        assertEquals(1L, number(run, "max_users"));
        // 1..2000 ms: the nearest-rank p50 is 1000 ms, p95 1900, p99 1980 (histograms keep two significant digits)
        assertEquals(1000, ((Number) run.get("p50_ms")).doubleValue(), 10);
        assertEquals(1900, ((Number) run.get("p95_ms")).doubleValue(), 19);
        assertEquals(1980, ((Number) run.get("p99_ms")).doubleValue(), 20);
        Map<String, Object> pay = database.row("SELECT * FROM run_endpoints WHERE run_uuid = ?", uuid);
        assertEquals("Checkout / Pay", pay.get("name"));
        // the run lasted from its start to the last response (2000 × 10 ms + 2000 ms): 22 s, two 15-s intervals
        assertEquals(start, ((java.time.LocalDateTime) run.get("started_at")).toInstant(java.time.ZoneOffset.UTC).toEpochMilli(), 1);
        assertEquals(2L, number(database.row("SELECT COUNT(*) AS n FROM run_intervals WHERE run_uuid = ? AND name = ''", uuid), "n"));
    }

    @Test
    void whatIsNotABinaryGatlingLogIsRefusedWith400() throws Exception {
        long runsBefore = number(database.row("SELECT COUNT(*) AS n FROM runs"), "n");
        String text = "RUN\tio.example.Shop\tshop\t1700000000000\t \t3.11.5\nUSER\tShop\tSTART\t1700000000001\n";
        byte[] log = resource("3.13.5/simulation.log");
        byte[][] bad = {
                "not a log at all".getBytes(StandardCharsets.UTF_8),
                text.getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(log, 9),
                lyingHeader(),
                zip(Map.of("readme.txt", "no log here".getBytes(StandardCharsets.UTF_8))),
                {'P', 'K', 3, 4, 1, 2, 3},
                new byte[0],
        };
        for (byte[] body : bad) {
            HttpCall.Response response = upload(body);
            assertEquals(400, response.status(), response.toString());
            assertNotNull(response.json().get("error"), response.toString());
        }
        assertEquals(runsBefore, number(database.row("SELECT COUNT(*) AS n FROM runs"), "n"));
    }

    /** A run record whose version string claims 2^30 bytes: refused, never allocated. */
    private static byte[] lyingHeader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeInt(1 << 30);
        out.write(new byte[64]);
        return bytes.toByteArray();
    }

    @Test
    void zipBombsAndZipsOfManyEntriesAreRefusedWith413() throws Exception {
        // 100,000 requests (2.3 MB) deflate to a few hundred KB; the test's bound is 1 MB inflated
        HttpCall.Response bomb = upload(zip(Map.of("results/simulation.log", syntheticLog("io.example.Bomb", System.currentTimeMillis(), 100_000))));
        assertEquals(413, bomb.status(), bomb.toString());
        assertNotNull(bomb.json().get("error"));
        // the bomb may sit before the log: what is skipped counts too
        java.util.LinkedHashMap<String, byte[]> ordered = new java.util.LinkedHashMap<>();
        ordered.put("results/filler.bin", new byte[20_000_000]);
        ordered.put("results/simulation.log", syntheticLog("io.example.AfterTheBomb", System.currentTimeMillis(), 10));
        assertEquals(413, upload(zip(ordered)).status());
        java.util.LinkedHashMap<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("results/file" + i, new byte[1]);
        }
        assertEquals(413, upload(zip(many)).status());
    }

    @Test
    void anImportNeedsAnIngestToken() {
        HttpCall.Response anonymous = HttpCall.method("POST", base + "/apiv0.1/imports/gatling", new byte[]{0}).send();
        assertEquals(401, anonymous.status(), anonymous.toString());
        HttpCall.Response wrong = HttpCall.method("POST", base + "/apiv0.1/imports/gatling", new byte[]{0})
                .header("Authorization", "Token lst_wrong").send();
        assertEquals(401, wrong.status(), wrong.toString());
    }
}
