package io.loadstack.launch;

import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TcpProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A packaged load agent ({@code java -jar load-agent.jar}, environment variables only) reaching nginx through
 * a TCP proxy of its own, so that a test can cut this one agent off from Loadstack.
 */
final class LoadAgentProcess implements AutoCloseable {

    static final Path AGENT_JAR = Path.of("..", "load-agent", "target", "load-agent.jar");
    /** JMeter's jars, as the load-agent build copies them for its own tests (the image has them in /opt/jmeter/lib). */
    static final Path JMETER_LIB = Path.of("..", "load-agent", "target", "jmeter-lib").toAbsolutePath().normalize();

    private final String name;
    private final ServiceProcess process;
    private final TcpProxy proxy;
    private final Path workDirectory;

    private LoadAgentProcess(String name, ServiceProcess process, TcpProxy proxy, Path workDirectory) {
        this.name = name;
        this.process = process;
        this.proxy = proxy;
        this.workDirectory = workDirectory;
    }

    static LoadAgentProcess start(String name, String region, int nginxPort, Path certificate, String token,
                                  Map<String, String> settings) throws IOException {
        TcpProxy proxy = new TcpProxy("127.0.0.1", nginxPort);
        proxy.start();
        Path work = Files.createTempDirectory("launch-it-agent-" + name + "-");
        Map<String, String> environment = new java.util.HashMap<>(settings);
        // localhost: the name nginx's test certificate carries
        environment.put("LOADSTACK_URL", "https://localhost:" + proxy.port());
        environment.put("LOADSTACK_AGENT_TOKEN", token);
        environment.put("LOADSTACK_AGENT_NAME", name);
        environment.put("LOADSTACK_AGENT_REGION", region);
        environment.put("LOADSTACK_AGENT_CA_FILE", certificate.toString());
        environment.put("LOADSTACK_AGENT_WORK_DIR", work.toString());
        environment.put("LOADSTACK_JMETER_LIB", JMETER_LIB.toString());
        return new LoadAgentProcess(name, ServiceProcess.start(AGENT_JAR, environment), proxy, work);
    }

    String name() {
        return name;
    }

    /** The generator processes (and anything else) the agent has started that are still alive. */
    List<ProcessHandle> children() {
        return ProcessHandle.of(process.pid()).map(handle -> handle.descendants().filter(ProcessHandle::isAlive).toList())
                .orElse(List.of());
    }

    /** What is left in the agent's work directory (the shares' directories; the file cache is kept apart). */
    List<String> workEntries() {
        try (Stream<Path> entries = Files.list(workDirectory)) {
            return entries.map(path -> path.getFileName().toString()).filter(entry -> entry.startsWith("launch-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every connection to Loadstack dropped and new ones refused, as a network partition would. */
    void cutOff() {
        proxy.cut();
    }

    void kill9() throws InterruptedException {
        process.kill9();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        // Whatever a failed test left running must not outlive it.
        children().forEach(ProcessHandle::destroyForcibly);
        process.close();
        proxy.close();
    }
}
