package io.loadstack.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadstack.agent.clock.ServerClock;
import io.loadstack.agent.config.AgentSettings;
import io.loadstack.agent.config.InvalidSettingException;
import io.loadstack.agent.heartbeat.Backoff;
import io.loadstack.agent.heartbeat.HeartbeatLoop;
import io.loadstack.agent.heartbeat.HttpHeartbeat;
import io.loadstack.agent.heartbeat.Pause;
import io.loadstack.agent.generator.GeneratorFailedException;
import io.loadstack.agent.generator.OffsetClockGenerator;
import io.loadstack.agent.generator.jmeter.JmeterGenerator;
import io.loadstack.agent.generator.locust.LocustGenerator;
import io.loadstack.agent.generator.jmeter.JmeterSettings;
import io.loadstack.agent.lease.Lease;
import io.loadstack.agent.plan.FileCache;
import io.loadstack.agent.plan.PlanFiles;
import io.loadstack.agent.share.GeneratorFactory;
import io.loadstack.agent.share.HttpReports;
import io.loadstack.agent.share.ShareEnvironment;
import io.loadstack.agent.share.Shares;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load agent's entry point: reads its settings, then heartbeats until its token is refused. Exit codes:
 * 2 for a missing or invalid setting, 3 when Loadstack refuses the token (see the load-agent README).
 */
public final class LoadAgent {

    static final int EXIT_INVALID_SETTING = 2;
    static final int EXIT_TOKEN_REFUSED = 3;

    private LoadAgent() {
    }

    public static void main(String[] args) throws InterruptedException {
        // One line per record, before the first logger exists; the JDK's default takes two.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s %5$s%6$s%n");
        Logger log = Logger.getLogger("io.loadstack.agent");
        AgentSettings settings;
        SSLContext tls;
        try {
            settings = AgentSettings.fromEnvironment(System.getenv(), LoadAgent::hostName);
            tls = settings.trust().sslContext();
        } catch (InvalidSettingException e) {
            log.severe("Cannot start: " + e.getMessage());
            System.exit(EXIT_INVALID_SETTING);
            return;
        }
        if (settings.trust().insecure()) {
            log.warning("LOADSTACK_AGENT_INSECURE=true: ANY server certificate is accepted, so anyone between this"
                    + " agent and Loadstack can read its token and give it orders. Use LOADSTACK_AGENT_CA_FILE instead.");
        }
        String version = version();
        String instanceId = UUID.randomUUID().toString();
        log.info("Load agent " + version + " (instance " + instanceId + "): " + settings.describe()
                + ". It listens on nothing; it only connects out to Loadstack.");

        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ObjectMapper json = new ObjectMapper();
        // The machine's clock as the agent reads it: put off only by the benchmarks' knob (load-agent README).
        Clock machine = Clock.offset(Clock.systemUTC(), settings.clockError());
        ServerClock serverClock = new ServerClock(machine, ServerClock.DEFAULT_SAMPLES);
        // Without the estimate (a benchmark's knob), a clock that is never given a sample: server time is ours.
        ServerClock startClock = settings.clockSync() ? serverClock : new ServerClock(machine, 1);
        Lease lease = new Lease(settings.lease(), System::nanoTime);
        Shares shares = shares(settings, client, json, startClock, log);
        ScheduledExecutorService leaseWatch = Executors.newSingleThreadScheduledExecutor(daemon("lease-watch"));
        leaseWatch.scheduleWithFixedDelay(() -> {
            try {
                shares.checkLease(lease);
            } catch (RuntimeException e) {
                // an exception would end the schedule, and with it the lease's promise
                log.log(Level.SEVERE, "Checking the lease failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        HeartbeatLoop loop = new HeartbeatLoop(
                new HttpHeartbeat(client, settings, version, instanceId, machine, json, shares::held),
                serverClock, lease, new Backoff(ThreadLocalRandom.current()), Pause.threadSleep(), log, shares::apply);
        loop.run();
        System.exit(EXIT_TOKEN_REFUSED);
    }

    private static Shares shares(AgentSettings settings, HttpClient client, ObjectMapper json, ServerClock clock,
                                 Logger log) {
        FileCache cache = new FileCache(client, settings.url().toString(), settings.token(),
                settings.workDirectory().resolve("cache"));
        JmeterSettings jmeter = JmeterSettings.ofThisAgent(settings.jmeterLib(), settings.jmeterHeap(), settings.trust());
        GeneratorFactory plain = assignment -> switch (assignment.generator()) {
            case "jmeter" -> new JmeterGenerator(jmeter, assignment);
            case "locust" -> LocustGenerator.of(assignment, System.getenv(), settings.trust());
            default -> throw new GeneratorFailedException("this agent cannot run " + assignment.generator() + " plans");
        };
        GeneratorFactory generators = settings.clockError().isZero() ? plain
                : assignment -> new OffsetClockGenerator(plain.create(assignment), settings.clockError());
        ShareEnvironment environment = new ShareEnvironment(settings.name(), settings.region(),
                settings.url().toString(), settings.workDirectory(), clock,
                new HttpReports(client, settings.url().toString(), settings.token(), settings.name(), json, log),
                (directory, files) -> PlanFiles.fetchInto(cache, directory, files), generators, log,
                ShareEnvironment.REPORT_INTERVAL, ShareEnvironment.START_TOLERANCE, ShareEnvironment.FINAL_REPORT_RETRY,
                settings.allowedTargets());
        return new Shares(environment, daemon("share"));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv("HOSTNAME");
        }
    }

    /** The Maven project's version, which the build writes into the jar. */
    private static String version() {
        try (InputStream in = LoadAgent.class.getResourceAsStream("/load-agent.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            return version.matches("[A-Za-z0-9._-]{1,64}") ? version : "dev";
        } catch (IOException e) {
            return "dev";
        }
    }
}
