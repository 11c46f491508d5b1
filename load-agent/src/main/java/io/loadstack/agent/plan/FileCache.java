package io.loadstack.agent.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Plan file contents on the agent's disk, named by their SHA-256, fetched from Loadstack's
 * {@code GET /api/agent/files/{sha256}} the first time they are needed. A download is streamed to a temporary
 * file while it is hashed, and only bytes of the expected size and hash are moved in under their hash, so
 * the cache holds nothing unverified. A cached file is hashed again when used: a disk that changed it
 * makes the agent fetch it anew rather than run a plan with other data.
 */
public final class FileCache {

    /** Until the answer's headers arrive; the body then streams for as long as it takes. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REASON_CHARS = 300;
    private static final int BUFFER = 64 * 1024;

    private final HttpClient client;
    private final String url;
    private final String token;
    private final Path directory;

    /**
     * @param url       Loadstack's base URL, as in {@code LOADSTACK_URL}
     * @param token     the agent token
     * @param directory the cache directory, made when missing
     */
    public FileCache(HttpClient client, String url, String token, Path directory) {
        this.client = client;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.directory = directory;
    }

    /**
     * The verified content of the file, from the cache or else from Loadstack.
     *
     * @throws PlanFileException naming the file when it cannot be fetched or is not what was asked for
     */
    Path content(PlanFile file) throws InterruptedException {
        Path cached = directory.resolve(file.sha256());
        try {
            Files.createDirectories(directory);
            if (Files.isRegularFile(cached)) {
                if (Files.size(cached) == file.size() && file.sha256().equals(sha256Of(cached))) {
                    return cached;
                }
                Files.deleteIfExists(cached);
            }
        } catch (IOException e) {
            throw new PlanFileException("plan file " + PlanFile.quoted(file.name()) + ": the cache " + directory
                    + " cannot be used: " + e, e);
        }
        return download(file, cached);
    }

    private Path download(PlanFile file, Path cached) throws InterruptedException {
        String name = PlanFile.quoted(file.name());
        URI uri = URI.create(url + "/api/agent/files/" + file.sha256());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        Path partial;
        try {
            partial = Files.createTempFile(directory, file.sha256() + ".", ".partial");
        } catch (IOException e) {
            throw new PlanFileException("plan file " + name + ": cannot write into the cache " + directory + ": " + e, e);
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            Received received;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new PlanFileException("plan file " + name + ": Loadstack answered HTTP " + response.statusCode()
                            + " for " + file.sha256() + ": " + start(body));
                }
                received = copy(body, partial, file.size());
            }
            if (received.size() != file.size() || !received.sha256().equals(file.sha256())) {
                throw new PlanFileException("plan file " + name + " is not what was asked for, so it is not used: expected "
                        + file.size() + " bytes with SHA-256 " + file.sha256() + ", got "
                        + (received.size() > file.size() ? "more than " + file.size() : received.size()) + " bytes"
                        + (received.size() > file.size() ? "" : " with SHA-256 " + received.sha256()));
            }
            move(partial, cached);
            return cached;
        } catch (IOException e) {
            throw new PlanFileException("plan file " + name + ": the download from " + uri.getHost() + " broke off: " + e, e);
        } finally {
            deletePartial(partial);
        }
    }

    /** Copies at most one byte more than expected, so that an endless answer cannot fill the disk. */
    private static Received copy(InputStream body, Path target, long expected) throws IOException {
        MessageDigest digest = sha256();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = body.read(buffer, 0, (int) Math.min(buffer.length, expected + 1 - total))) > 0) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                total += read;
                if (total > expected) {
                    break;
                }
            }
        }
        return new Received(total, HexFormat.of().formatHex(digest.digest()));
    }

    private record Received(long size, String sha256) {
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The api-service's {@code {"error": …}} or the start of whatever else answered. */
    private static String start(InputStream body) throws IOException {
        String text = new String(body.readNBytes(MAX_REASON_CHARS), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return text.isEmpty() ? "(no body)" : text;
    }

    private static void deletePartial(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left over, it is never read: contents are looked up by their bare hash, never as *.partial.
        }
    }
}
