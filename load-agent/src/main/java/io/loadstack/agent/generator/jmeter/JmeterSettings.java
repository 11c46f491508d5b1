package io.loadstack.agent.generator.jmeter;

import io.loadstack.agent.config.TrustSettings;

import java.nio.file.Path;

/**
 * How the agent starts its JMeter driver.
 *
 * @param java           the {@code java} command (the agent's own runtime's)
 * @param agentClasspath the agent's jar (it holds the driver)
 * @param jmeterLib      {@code LOADSTACK_JMETER_LIB}: the directory of JMeter's jars
 * @param maxHeap        the driver's {@code -Xmx}, {@code LOADSTACK_JMETER_HEAP}
 * @param trust          the agent's trust in Loadstack's certificate, which the driver's posts to the run need too
 */
public record JmeterSettings(Path java, String agentClasspath, Path jmeterLib, String maxHeap, TrustSettings trust) {

    /** The agent's own java and jar, as this process runs them. */
    public static JmeterSettings ofThisAgent(Path jmeterLib, String maxHeap, TrustSettings trust) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String agentJar;
        try {
            agentJar = Path.of(JmeterDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the agent's own jar has no path", e);
        }
        return new JmeterSettings(java, agentJar, jmeterLib, maxHeap, trust);
    }
}
