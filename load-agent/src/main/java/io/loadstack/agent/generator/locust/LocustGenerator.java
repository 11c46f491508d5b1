package io.loadstack.agent.generator.locust;

import io.loadstack.agent.config.TrustSettings;
import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.Generator;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A share of a launch run by {@code locust --headless} with Loadstack's plugin: the plan's locustfile is
 * imported through {@code loadstack_launch.py} (both files are copied from this jar into the work directory),
 * the plugin joins the launch's run as this agent and speaks the protocol of docs/launches.md on stdout.
 * The launch's properties are the process's environment variables; none of the agent's own {@code LOADSTACK_*}
 * variables (its token among them) reach the locustfile.
 */
public final class LocustGenerator implements Generator {

    /** The command that runs Locust, split on spaces: {@code locust} or e.g. {@code /usr/bin/python3 -m locust}. */
    public static final String COMMAND = "LOADSTACK_LOCUST_COMMAND";
    static final String DEFAULT_COMMAND = "locust";
    static final String PLUGIN = "loadstack_locust.py";
    static final String LAUNCHER = "loadstack_launch.py";
    static final String START_FILE = ".loadstack-start";
    /** Output lines kept to explain a Locust that ended before it was ready without saying why. */
    private static final int KEPT_LINES = 20;
    private static final String PROTOCOL = "LOADSTACK ";

    private final Assignment assignment;
    private final List<String> command;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Object starting = new Object();
    private volatile String failure;
    private final TrustSettings trust;
    private volatile long requests;
    private volatile long failures;
    private volatile boolean stopRequested;
    private volatile Process process;
    private volatile Thread reader;

    public LocustGenerator(Assignment assignment, List<String> locustCommand, TrustSettings trust) {
        if (locustCommand.isEmpty()) {
            throw new IllegalArgumentException("an empty Locust command");
        }
        this.assignment = assignment;
        this.command = List.copyOf(locustCommand);
        this.trust = trust;
    }

    /** With the command {@value #COMMAND} names in {@code environment}, else {@value #DEFAULT_COMMAND}. */
    public static LocustGenerator of(Assignment assignment, Map<String, String> environment, TrustSettings trust) {
        String text = environment.getOrDefault(COMMAND, "").trim();
        return new LocustGenerator(assignment, Arrays.asList((text.isEmpty() ? DEFAULT_COMMAND : text).split("\\s+")), trust);
    }

    @Override
    public String prepare(GeneratorOutput output) throws GeneratorFailedException, InterruptedException {
        synchronized (starting) {
            if (process != null) {
                throw new IllegalStateException("prepared already");
            }
            process = start();
        }
        InputStream stdout = process.getInputStream();
        reader = new Thread(() -> read(stdout, output), "locust-output-" + assignment.launchId());
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get() + ", " + assignment.users() + " users";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneratorFailedException failed) {
                throw failed;
            }
            throw new GeneratorFailedException("Locust failed: " + e.getCause(), e.getCause());
        }
    }

    private Process start() throws GeneratorFailedException {
        Path work = assignment.workDirectory();
        try {
            copyResource(PLUGIN, work);
            copyResource(LAUNCHER, work);
            Files.deleteIfExists(work.resolve(START_FILE));
            return processBuilder(work).start();
        } catch (IOException e) {
            throw new GeneratorFailedException("Locust cannot be started (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    private ProcessBuilder processBuilder(Path work) {
        List<String> line = new ArrayList<>(command);
        line.addAll(List.of("-f", LAUNCHER, "--headless", "--only-summary",
                "-u", Integer.toString(assignment.users()),
                "-r", spawnRate(),
                "--host", assignment.targetHost()));
        if (assignment.durationSeconds() > 0) {
            line.addAll(List.of("-t", assignment.durationSeconds() + "s"));
        }
        ProcessBuilder builder = new ProcessBuilder(line).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LOADSTACK_"));
        environment.putAll(assignment.properties());
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("LOADSTACK_LOCUSTFILE", work.resolve(assignment.main().name()).toString());
        environment.put("LOADSTACK_HOST", assignment.consumerUrl());
        environment.put("LOADSTACK_TOKEN", assignment.ingestToken());
        environment.put("LOADSTACK_RUN_UUID", assignment.runUuid());
        environment.put("LOADSTACK_SOURCE", assignment.agentName());
        environment.put("LOADSTACK_NAME", assignment.runName());
        environment.put("LOADSTACK_START_FILE", work.resolve(START_FILE).toString());
        // The plugin posts to Loadstack as the agent does, so it trusts what the agent trusts: Python's
        // default context reads SSL_CERT_FILE.
        trust.caFile().ifPresent(file -> environment.put("SSL_CERT_FILE", file.toAbsolutePath().toString()));
        if (trust.insecure()) {
            environment.put("LOADSTACK_INSECURE", "true");
        }
        return builder;
    }

    /** Users per second as Locust reads it; a share without ramp-up starts all its users at once. */
    private String spawnRate() {
        double rate = assignment.spawnRate() > 0 ? assignment.spawnRate() : Math.max(1, assignment.users());
        return String.format(Locale.ROOT, "%.3f", rate);
    }

    private static void copyResource(String name, Path work) throws IOException {
        try (InputStream in = LocustGenerator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the agent's jar");
            }
            Files.copy(in, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void read(InputStream stdout, GeneratorOutput output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith(PROTOCOL) || !protocolLine(line.substring(PROTOCOL.length()), output)) {
                    keep(line);
                    output.logLine(line);
                }
            }
        } catch (IOException e) {
            keep("the agent could not read Locust's output: " + e.getMessage());
        } finally {
            ready.completeExceptionally(new GeneratorFailedException(failure != null ? failure : endedBeforeReady()));
        }
    }

    /** @return whether the line was one of the protocol's */
    private boolean protocolLine(String line, GeneratorOutput output) {
        String[] words = line.split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "READY" -> ready.complete(rest);
                case "FIRST" -> output.firstRequest(Long.parseLong(rest.trim()));
                case "COUNTS" -> {
                    String[] counts = rest.trim().split(" ");
                    requests = Long.parseLong(counts[0]);
                    failures = Long.parseLong(counts[1]);
                    output.counts(requests, failures);
                }
                case "FAILED" -> {
                    failure = rest;
                    ready.completeExceptionally(new GeneratorFailedException(rest));
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // not the protocol after all: a log line like any other
        }
    }

    private void keep(String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private String endedBeforeReady() {
        synchronized (lastLines) {
            return "Locust ended before it was ready" + (lastLines.isEmpty() ? "" : ": " + String.join("\n", lastLines));
        }
    }

    @Override
    public void startAt(long localEpochMillis) {
        Path work = assignment.workDirectory();
        Path partial = work.resolve(START_FILE + ".partial");
        try {
            Files.writeString(partial, Long.toString(localEpochMillis), StandardCharsets.US_ASCII);
            // the plugin polls for the file: it must never see it half written
            Files.move(partial, work.resolve(START_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the start file cannot be written in " + work, e);
        }
    }

    @Override
    public void stop(Duration grace) {
        Process running = process();
        if (running == null || !running.isAlive()) {
            return;
        }
        stopRequested = true;
        // SIGTERM: Locust stops its users, the plugin posts the last stats. Through the handle, since
        // Process.destroy() also closes our end of its output, and Locust's summary would be lost with it.
        running.toHandle().destroy();
        Thread killer = new Thread(() -> {
            try {
                if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(running);
                }
            } catch (InterruptedException e) {
                kill(running);
            }
        }, "locust-stop-" + assignment.launchId());
        killer.setDaemon(true);
        killer.start();
    }

    @Override
    public GeneratorResult awaitEnd() throws GeneratorFailedException, InterruptedException {
        Process running = process();
        if (running == null) {
            throw new IllegalStateException("not prepared");
        }
        int exit = running.waitFor();
        reader.join();
        if (failure != null) {
            throw new GeneratorFailedException(failure);
        }
        // Locust exits 1 when requests failed (its --exit-code-on-error); beyond that, or killed unasked, it broke
        if (exit > 1 && !stopRequested) {
            throw new GeneratorFailedException("Locust ended with exit code " + exit + lastLinesText());
        }
        return new GeneratorResult(requests, failures);
    }

    private String lastLinesText() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : ": " + lastLines.peekLast();
        }
    }

    @Override
    public void close() {
        Process running = process();
        if (running != null) {
            kill(running);
        }
    }

    /** The Locust process's id: tests check that it is gone. */
    long pid() {
        return process.pid();
    }

    private Process process() {
        return process;
    }

    private static void kill(Process running) {
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
    }
}
