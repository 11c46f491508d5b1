package io.loadstack.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service jar run as a child process, as {@code java -jar} runs it in production: configured by
 * environment variables only, killable with SIGKILL for crash tests.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code jar} with the given environment (plus a free MICRONAUT_SERVER_PORT unless given). */
    public static ServiceProcess start(Path jar, Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (mvn verify does)");
        }
        try {
            int port = environment.containsKey("MICRONAUT_SERVER_PORT")
                    ? Integer.parseInt(environment.get("MICRONAUT_SERVER_PORT")) : freePort();
            Path log = Files.createTempFile(jar.getFileName().toString().replace(".jar", "-"), ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("LOADSTACK_JWT_SECRET");
            builder.environment().remove("LOADSTACK_MFA_KEY");
            // A consumer started by a test takes Gatling's Graphite lines on a free port, not on the host's 2003,
            // where a compose stack (the end-to-end test's) may publish its own; a test that sends lines sets it.
            builder.environment().put("LOADSTACK_GRAPHITE_PORT", "0");
            builder.environment().putAll(environment);
            builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            return new ServiceProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + jar, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Polls {@code /api/healthcheck} until it answers 200, the process dies, or the timeout passes. */
    public boolean awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HttpCall.get(baseUrl() + "/api/healthcheck").send().status() == 200) {
                    return true;
                }
            } catch (RuntimeException notYetListening) {
                // connection refused while it starts
            }
            sleepQuietly(200);
        }
        return false;
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, exactly what a crash or the OOM killer does. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
