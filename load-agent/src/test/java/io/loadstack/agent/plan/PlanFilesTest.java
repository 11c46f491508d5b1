package io.loadstack.agent.plan;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a local HTTP server that plays Loadstack's {@code GET /api/agent/files/{sha256}}, honest or not. */
class PlanFilesTest {

    private static final String TOKEN = "lsa_test-token";

    /** What the server answers for a hash: the bytes, and how many it claims in Content-Length. */
    private record Answer(byte[] body, long contentLength) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private FileCache cache;

    @TempDir
    Path data;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/agent/files/", this::answer);
        server.start();
        cache = new FileCache(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort(), TOKEN,
                data.resolve("cache"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String hash = exchange.getRequestURI().getPath().substring("/api/agent/files/".length());
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"no agent token\",\"status\":401}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Answer answer = answers.get(hash);
            if (answer == null) {
                send(exchange, 404, ("{\"error\":\"no file with SHA-256 " + hash + "\",\"status\":404}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.sendResponseHeaders(200, answer.contentLength());
            OutputStream out = exchange.getResponseBody();
            out.write(answer.body());
            out.flush();
            // A body shorter than its Content-Length: closing then breaks the connection off, as a dying server does.
        } catch (IOException truncated) {
            // the server's side of a truncated answer
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private PlanFile served(String name, byte[] content) {
        PlanFile file = new PlanFile(name, sha256(content), content.length);
        answers.put(file.sha256(), new Answer(content, content.length));
        return file;
    }

    @Test
    void filesAreFetchedVerifiedAndPutUnderTheirNamesInAFreshWorkDirectory() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(big);
        byte[] csv = "user\nalice\n".getBytes(StandardCharsets.UTF_8);
        PlanFile data1 = served("big data.bin", big);
        PlanFile users = served("users.csv", csv);

        PlanFiles first = PlanFiles.fetch(cache, data.resolve("work"), List.of(data1, users));
        PlanFiles second = PlanFiles.fetch(cache, data.resolve("work"), List.of(users));

        assertArrayEquals(big, Files.readAllBytes(first.directory().resolve("big data.bin")));
        assertArrayEquals(csv, Files.readAllBytes(first.directory().resolve("users.csv")));
        assertFalse(first.directory().equals(second.directory()), "each assignment has a directory of its own");
        assertArrayEquals(csv, Files.readAllBytes(second.directory().resolve("users.csv")));
        assertEquals(2, requests.get(), "a file already fetched is taken from the cache");
    }

    @Test
    void aCachedFileThatChangedOnDiskIsFetchedAgain() throws Exception {
        byte[] csv = "user\nbob\n".getBytes(StandardCharsets.UTF_8);
        PlanFile users = served("users.csv", csv);
        PlanFiles.fetch(cache, data.resolve("work"), List.of(users));
        Files.write(data.resolve("cache").resolve(users.sha256()), "user\nbox\n".getBytes(StandardCharsets.UTF_8));

        PlanFiles again = PlanFiles.fetch(cache, data.resolve("work"), List.of(users));

        assertArrayEquals(csv, Files.readAllBytes(again.directory().resolve("users.csv")));
        assertEquals(2, requests.get());
    }

    @Test
    void corruptedBytesAreRefusedNamingTheFileAndNothingIsKept() {
        byte[] good = "id,name\n1,alice\n".getBytes(StandardCharsets.UTF_8);
        PlanFile file = new PlanFile("users.csv", sha256(good), good.length);
        byte[] corrupted = good.clone();
        corrupted[3] ^= 1;
        answers.put(file.sha256(), new Answer(corrupted, corrupted.length));

        PlanFileException refused = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(file)));

        assertTrue(refused.getMessage().contains("'users.csv'") && refused.getMessage().contains(sha256(corrupted)), refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aShorterOrLongerAnswerIsRefused() {
        byte[] good = "0123456789".getBytes(StandardCharsets.UTF_8);
        PlanFile file = new PlanFile("digits.txt", sha256(good), good.length);
        answers.put(file.sha256(), new Answer("01234".getBytes(StandardCharsets.UTF_8), 5));
        PlanFileException shorter = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(file)));
        assertTrue(shorter.getMessage().contains("'digits.txt'") && shorter.getMessage().contains("got 5 bytes"), shorter.getMessage());

        answers.put(file.sha256(), new Answer("0123456789and more".getBytes(StandardCharsets.UTF_8), 18));
        PlanFileException longer = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(file)));
        assertTrue(longer.getMessage().contains("got more than 10 bytes"), longer.getMessage());
        assertNothingLeft();
    }

    @Test
    void anAnswerThatBreaksOffIsRefused() {
        byte[] good = new byte[256 * 1024];
        new Random(5).nextBytes(good);
        PlanFile file = new PlanFile("payload.bin", sha256(good), good.length);
        answers.put(file.sha256(), new Answer(java.util.Arrays.copyOf(good, 1000), good.length));

        PlanFileException refused = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(file)));

        assertTrue(refused.getMessage().contains("'payload.bin'"), refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void anUnknownFileOrARefusedTokenSaysWhatLoadstackAnswered() throws Exception {
        PlanFile missing = new PlanFile("gone.csv", "ab".repeat(32), 3);
        PlanFileException notFound = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(missing)));
        assertTrue(notFound.getMessage().contains("'gone.csv'") && notFound.getMessage().contains("HTTP 404"), notFound.getMessage());

        FileCache wrongToken = new FileCache(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort(), "lsa_wrong",
                data.resolve("cache"));
        PlanFile users = served("users.csv", "user\n".getBytes(StandardCharsets.UTF_8));
        PlanFileException refused = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(wrongToken, data.resolve("work"), List.of(users)));
        assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRefusedOnTheAgentToo() {
        for (String name : List.of("../escape.csv", "dir/users.csv", "..", ".", "a\\b", "line\nbreak", "", "x".repeat(201))) {
            PlanFileException refused = assertThrows(PlanFileException.class, () -> new PlanFile(name, "ab".repeat(32), 1), name);
            assertTrue(refused.getMessage().contains("name"), refused.getMessage());
        }
        assertThrows(PlanFileException.class, () -> new PlanFile("users.csv", "AB".repeat(32), 1));
        assertThrows(PlanFileException.class, () -> new PlanFile("users.csv", "../" + "a".repeat(61), 1));
        PlanFile users = served("users.csv", "user\n".getBytes(StandardCharsets.UTF_8));
        PlanFileException twice = assertThrows(PlanFileException.class, () -> PlanFiles.fetch(cache, data.resolve("work"), List.of(users, users)));
        assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void deleteRemovesTheWorkDirectoryWithWhatTheGeneratorLeftAndTwiceIsFine() throws Exception {
        PlanFiles files = PlanFiles.fetch(cache, data.resolve("work"), List.of(served("users.csv", "user\n".getBytes(StandardCharsets.UTF_8))));
        Files.createDirectories(files.directory().resolve("results/deep"));
        Files.writeString(files.directory().resolve("results/deep/jmeter.log"), "log");

        files.delete();
        files.delete();

        assertFalse(Files.exists(files.directory()));
        assertTrue(Files.exists(data.resolve("cache")), "the cache stays for the next assignment");
    }

    private void assertNothingLeft() {
        try (Stream<Path> work = Files.list(data.resolve("work")); Stream<Path> cached = Files.list(data.resolve("cache"))) {
            assertEquals(List.of(), work.toList(), "no work directory is left after a failure");
            assertEquals(List.of(), cached.toList(), "nothing unverified is cached");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
