package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.threads.AbstractThreadGroup;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.timers.Timer;

/**
 * Holds each JMeter thread's first sample until the launch's instant plus the thread's place in its group's
 * ramp-up. Starting JMeter's engine and threads costs a few hundred milliseconds, more with other JVMs on the
 * same cores; with the gate the driver starts them ahead of the instant and only the wait ends at it
 * (load-agent/README.md, "JMeter plans"; what it gains and what still lies before a first request: BENCHMARKS.md,
 * launches, run 6).
 *
 * <p>A timer at the test plan's level applies to every sampler, and JMeter gives every thread its own copy of
 * the tree: each copy lets its thread's first sample wait, and no later one.
 */
public class StartGate extends AbstractTestElement implements Timer {

    private static final String INSTANT = "LoadstackStartGate.instant";

    private transient boolean passed;

    /** JMeter makes each thread's copy with this constructor, then copies the properties. */
    public StartGate() {
        setName("Loadstack start gate");
    }

    /** A gate opening at {@code instantMillis} (this machine's clock). */
    static StartGate at(long instantMillis) {
        StartGate gate = new StartGate();
        gate.setProperty(INSTANT, instantMillis);
        return gate;
    }

    @Override
    public long delay() {
        if (passed) {
            return 0;
        }
        passed = true;
        return Math.max(0, opensAt(JMeterContextService.getContext()) - System.currentTimeMillis());
    }

    /** The instant, plus the ramp-up's delay of this thread: JMeter starts thread n of N at n × rampUp / N. */
    long opensAt(JMeterContext context) {
        long instant = getPropertyAsLong(INSTANT);
        AbstractThreadGroup group = context.getThreadGroup();
        if (group instanceof ThreadGroup threads && threads.getNumThreads() > 0) {
            return instant + (long) context.getThreadNum() * threads.getRampUp() * 1000L / threads.getNumThreads();
        }
        return instant;
    }
}
