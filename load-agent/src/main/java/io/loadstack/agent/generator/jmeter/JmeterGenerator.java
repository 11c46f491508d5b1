package io.loadstack.agent.generator.jmeter;

import io.loadstack.agent.generator.Assignment;
import io.loadstack.agent.generator.Generator;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.GeneratorOutput;
import io.loadstack.agent.generator.GeneratorResult;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A share run by JMeter: a child JVM with the agent's jar and JMeter's jars on its classpath, running
 * {@link JmeterDriver} in the share's work directory. It speaks the generator protocol of docs/launches.md
 * on its standard output; its standard error (JMeter's warnings and errors) and any other output line are
 * log lines for the launch.
 */
public final class JmeterGenerator implements Generator {

    /** Loading a large plan and reaching the consumer take seconds; more means something hangs. */
    static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(120);
    private static final int LAST_LINES = 5;

    private final JmeterSettings settings;
    private final Assignment assignment;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile Process process;
    private volatile String failure;
    private volatile boolean stopAsked;
    private volatile long requests;
    private volatile long failures;
    private volatile Writer commands;
    private Thread stdout;
    private Thread stderr;

    public JmeterGenerator(JmeterSettings settings, Assignment assignment) {
        this.settings = settings;
        this.assignment = assignment;
    }

    @Override
    public String prepare(GeneratorOutput output) throws GeneratorFailedException, InterruptedException {
        Path config = assignment.workDirectory().resolve(DriverConfig.FILE_NAME);
        try {
            DriverConfig.of(assignment, settings).write(config);
            List<String> command = List.of(settings.java().toString(), "-Xmx" + settings.maxHeap(),
                    "-cp", settings.agentClasspath() + File.pathSeparator + JmeterLibrary.classpath(settings.jmeterLib()),
                    JmeterDriver.class.getName(), config.toString());
            synchronized (this) {
                if (stopAsked) {
                    throw new GeneratorFailedException("stopped before JMeter started");
                }
                process = new ProcessBuilder(command).directory(assignment.workDirectory().toFile()).start();
            }
        } catch (IOException e) {
            throw new GeneratorFailedException("cannot start JMeter (" + settings.java() + ", " + settings.jmeterLib()
                    + "): " + e.getMessage(), e);
        }
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdout = reader(process.getInputStream(), line -> protocolLine(line, output), "jmeter-stdout");
        stderr = reader(process.getErrorStream(), line -> logLine(line, output), "jmeter-stderr");
        process.onExit().thenRun(() -> {
            joinQuietly(stdout);
            ready.completeExceptionally(new GeneratorFailedException(failure != null ? failure
                    : "JMeter exited with code " + process.exitValue() + " before it was ready" + lastLinesText()));
        });
        try {
            return ready.get(PREPARE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (GeneratorFailedException) e.getCause();
        } catch (TimeoutException e) {
            close();
            throw new GeneratorFailedException("JMeter was not ready within " + PREPARE_TIMEOUT.toSeconds() + " s"
                    + lastLinesText());
        }
    }

    @Override
    public void startAt(long localEpochMillis) {
        send("START " + localEpochMillis);
    }

    @Override
    public void stop(Duration grace) {
        Process running;
        synchronized (this) {
            stopAsked = true;
            running = process;
        }
        if (running == null) {
            return;
        }
        send("STOP");
        running.onExit().completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS).thenRun(this::close);
    }

    @Override
    public GeneratorResult awaitEnd() throws GeneratorFailedException, InterruptedException {
        int exit = process.waitFor();
        stdout.join();
        stderr.join();
        if (exit == 0 || stopAsked && failure == null) {
            return new GeneratorResult(requests, failures);
        }
        throw new GeneratorFailedException(failure != null ? failure
                : "JMeter exited with code " + exit + lastLinesText());
    }

    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
        }
    }

    private void protocolLine(String line, GeneratorOutput output) {
        if (!line.startsWith("LOADSTACK ")) {
            logLine(line, output);
            return;
        }
        String[] words = line.substring("LOADSTACK ".length()).split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "READY" -> ready.complete(rest);
                case "FAILED" -> failure = rest;
                case "FIRST" -> output.firstRequest(Long.parseLong(rest.trim()));
                case "COUNTS" -> {
                    String[] counts = rest.trim().split(" ");
                    requests = Long.parseLong(counts[0]);
                    failures = Long.parseLong(counts[1]);
                    output.counts(requests, failures);
                }
                default -> logLine(line, output);
            }
        } catch (RuntimeException malformed) {
            logLine(line, output);
        }
    }

    private void logLine(String line, GeneratorOutput output) {
        synchronized (lastLines) {
            if (lastLines.size() == LAST_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
        output.logLine(line);
    }

    private String lastLinesText() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; its last lines: " + String.join(" | ", lastLines);
        }
    }

    private synchronized void send(String line) {
        if (commands == null) {
            return;
        }
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            // the process has ended (or never started): there is nothing left to tell
        }
    }

    private static Thread reader(InputStream stream, Consumer<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
