package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.JMeter;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JMeter generator's process: {@code java -cp <load-agent jar>:<JMeter lib>/* ...JmeterDriver <config>}.
 * It loads the plan, makes it the agent's share, joins the launch's run, says {@code LOADSTACK READY}, waits
 * for {@code START <epoch ms>} on its input, runs JMeter's engine from that instant and posts each window of
 * samples to the consumer. {@code STOP} on its input, or its input closing (the agent is gone), stops the test
 * the way JMeter's own shutdown does. The lines it prints are described in docs/launches.md.
 */
public final class JmeterDriver {

    private static final long NOT_STARTED = -1;

    private final DriverConfig config;
    private final Path workDirectory;
    private final SampleWindows windows = new SampleWindows();
    private final AtomicBoolean firstPrinted = new AtomicBoolean();
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    private final AtomicLong startAt = new AtomicLong(NOT_STARTED);
    private final CountDownLatch commandArrived = new CountDownLatch(1);

    private JmeterDriver(DriverConfig config, Path workDirectory) {
        this.config = config;
        this.workDirectory = workDirectory;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            protocol("FAILED the JMeter driver takes one argument, its configuration file");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]).toAbsolutePath();
        int exit;
        try {
            DriverConfig config = DriverConfig.read(configFile);
            JmeterHome home = JmeterHome.make(configFile.getParent(), Path.of(config.jmeterLib()));
            // before JMeter's first logger exists
            System.setProperty("log4j.configurationFile", home.bin("log4j2.xml").toString());
            exit = new JmeterDriver(config, configFile.getParent()).run(home);
        } catch (Throwable e) {
            protocol("FAILED " + oneLine(e));
            exit = 1;
        }
        System.out.flush();
        System.exit(exit);
    }

    private int run(JmeterHome home) throws Exception {
        HashTree tree;
        List<ThreadGroup> groups;
        SampleRecorder recorder = new SampleRecorder(windows, this::firstSample);
        RunPoster poster = new RunPoster(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(config.trust().sslContext()).build(), config);
        try {
            initialize(home);
            Path jmx = workDirectory.resolve(config.jmx());
            FileServer.getFileServer().setBaseForScript(jmx.toFile());
            tree = SaveService.loadTree(jmx.toFile());
            JMeter.convertSubTree(tree);
            groups = ShareOverrides.apply(tree, config.users(), config.rampUpSeconds(), config.durationSeconds(),
                    TargetHost.parse(config.targetHost()));
            if (groups.isEmpty()) {
                protocol("FAILED " + config.jmx() + " has no enabled thread group");
                return 1;
            }
            tree.add(tree.getArray()[0], recorder);
        } catch (Exception e) {
            protocol("FAILED cannot load " + config.jmx() + ": " + loadError(e));
            return 1;
        }
        Optional<HttpSamplerWarmUp> warmUp = HttpSamplerWarmUp.forPlan(tree, TargetHost.parse(config.targetHost()));
        if (warmUp.isPresent()) {
            warmUp.get().run();
        }
        poster.register();
        protocol("READY JMeter " + JMeterUtils.getJMeterVersion() + ": " + groups.size() + " thread group"
                + (groups.size() == 1 ? "" : "s") + ", " + config.users() + " user" + (config.users() == 1 ? "" : "s")
                + ", " + config.durationSeconds() + " s");

        Thread commands = new Thread(this::readCommands, "loadstack-commands");
        commands.setDaemon(true);
        commands.start();
        commandArrived.await();
        if (startAt.get() == NOT_STARTED) {
            protocol("COUNTS 0 0");
            return 0;
        }
        long instant = startAt.get();
        // The engine starts whole seconds ahead of the instant when there is time, its threads waiting at the gate:
        // the thread groups' durations, counted by JMeter from the engine's start, get those seconds added.
        long ahead = Math.max(0, (instant - System.currentTimeMillis()) / 1000);
        if (ahead > 0) {
            tree.add(tree.getArray()[0], StartGate.at(instant));
            groups.forEach(group -> group.setDuration(group.getDuration() + ahead));
        }
        long wait = instant - ahead * 1000 - System.currentTimeMillis();
        if (wait > 0 && stopAsked.await(wait, TimeUnit.MILLISECONDS)) {
            protocol("COUNTS 0 0");
            return 0;
        }

        StandardJMeterEngine engine = new StandardJMeterEngine();
        engine.configure(tree);
        engine.runTest();
        Thread stopper = new Thread(() -> {
            try {
                stopAsked.await();
                // before the instant the threads wait at the gate: stopped at once, they never send a request
                engine.stopTest(System.currentTimeMillis() < instant);
            } catch (InterruptedException ended) {
                Thread.currentThread().interrupt();
            }
        }, "loadstack-stop");
        stopper.setDaemon(true);
        stopper.start();
        // The run's records start at the instant, as they would without the gate.
        long untilInstant = instant - System.currentTimeMillis();
        if (untilInstant > 0) {
            stopAsked.await(untilInstant, TimeUnit.MILLISECONDS);
        }

        while (!recorder.awaitEnd(config.statsInterval(), TimeUnit.MILLISECONDS)) {
            String failure = poster.post(windows.takeWindow(), JMeterContextService.getNumberOfThreads());
            if (failure != null) {
                System.err.println("Could not post stats to the run (kept, sent again with the next): " + failure);
            }
            counts();
        }
        finalPost(poster);
        counts();
        return 0;
    }

    private void initialize(JmeterHome home) throws IOException {
        JMeterUtils.setJMeterHome(home.path().toString());
        JMeterUtils.loadJMeterProperties(home.bin("jmeter.properties").toString());
        Path userProperties = home.bin("user.properties");
        if (Files.isRegularFile(userProperties)) {
            Properties user = new Properties();
            try (InputStream in = new FileInputStream(userProperties.toFile())) {
                user.load(in);
            }
            JMeterUtils.getJMeterProperties().putAll(user);
        }
        JMeterUtils.setProperty("search_paths", JmeterLibrary.searchPaths(Path.of(config.jmeterLib())));
        JMeterUtils.initLocale();
        config.properties().forEach(JMeterUtils::setProperty);
        JMeterUtils.setProperty("loadstack.agent", config.agentName());
        JMeterUtils.setProperty("loadstack.region", config.region());
        JMeterUtils.setProperty("loadstack.users", Integer.toString(config.users()));
        TargetHost.parse(config.targetHost()).ifPresent(target -> {
            JMeterUtils.setProperty("loadstack.target", config.targetHost());
            JMeterUtils.setProperty("loadstack.target.protocol", target.protocol());
            JMeterUtils.setProperty("loadstack.target.host", target.host());
            JMeterUtils.setProperty("loadstack.target.port", target.port());
        });
        SaveService.loadProperties();
        // JMeter looks for its functions once, when a plan's first ${__...} is compiled: now, before READY,
        // rather than between the start instant and the first request
        CompoundVariable.getFunctionNames();
    }

    /** START and STOP from the agent; the input closing means the agent is gone, which stops the test too. */
    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                line = line.trim();
                if (line.startsWith("START ") && startAt.get() == NOT_STARTED) {
                    startAt.set(Long.parseLong(line.substring("START ".length()).trim()));
                    commandArrived.countDown();
                } else if (line.equals("STOP")) {
                    break;
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("Stopping: cannot read the agent's commands: " + e);
        }
        stopAsked.countDown();
        commandArrived.countDown();
    }

    private void firstSample(long startMillis) {
        if (firstPrinted.compareAndSet(false, true)) {
            protocol("FIRST " + startMillis);
        }
    }

    private void finalPost(RunPoster poster) throws InterruptedException {
        String failure = poster.post(windows.takeWindow(), 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (failure != null && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            failure = poster.post(List.of(), 0);
        }
        if (failure != null) {
            System.err.println("Could not post the last stats to the run: " + failure);
        }
    }

    private void counts() {
        protocol("COUNTS " + windows.totalRequests() + " " + windows.totalFailures());
    }

    private static void protocol(String line) {
        synchronized (System.out) {
            System.out.println("LOADSTACK " + line);
            System.out.flush();
        }
    }

    /**
     * JMeter's own sentence about a plan it cannot load, without XStream's debugging block (which follows
     * "Detail:") and with the file's name instead of the agent's path to it.
     */
    private String loadError(Exception e) {
        String line = oneLine(e);
        int detail = line.indexOf(" Detail:");
        String sentence = detail > 0 ? line.substring(0, detail) : line;
        return sentence.replace(workDirectory.resolve(config.jmx()).toString(), config.jmx());
    }

    private static String oneLine(Throwable e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder();
        while (cause != null) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        String line = (text.length() == 0 ? e.toString() : text.toString()).replaceAll("\\s+", " ").trim();
        return line;
    }
}
