package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.ThreadGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartGateTest {

    @AfterEach
    void clearContext() {
        JMeterContextService.getContext().clear();
    }

    @Test
    void theFirstSampleWaitsForTheInstantAndNoLaterOneWaits() {
        long instant = System.currentTimeMillis() + 60_000;
        StartGate gate = StartGate.at(instant);
        long first = gate.delay();
        assertTrue(first > 50_000 && first <= 60_000, "the first sample waits until the instant: " + first);
        assertEquals(0, gate.delay(), "a thread waits once");
    }

    @Test
    void aThreadWaitsForItsPlaceInTheRampUpAfterTheInstant() {
        ThreadGroup group = new ThreadGroup();
        group.setNumThreads(4);
        group.setRampUp(2);
        JMeterContext context = JMeterContextService.getContext();
        context.setThreadGroup(group);
        context.setThreadNum(3);
        assertEquals(1_000_000 + 1_500, StartGate.at(1_000_000).opensAt(context), "thread 3 of 4 over 2 s: 1.5 s in");
        context.setThreadNum(0);
        assertEquals(1_000_000, StartGate.at(1_000_000).opensAt(context));
    }

    @Test
    void aGateWhoseInstantHasPassedLetsTheSampleGoAtOnce() {
        assertEquals(0, StartGate.at(System.currentTimeMillis() - 5_000).delay());
    }

    @Test
    void eachThreadsCopyWaitsOnItsOwn() {
        StartGate gate = StartGate.at(System.currentTimeMillis() + 60_000);
        gate.delay();
        StartGate copy = (StartGate) gate.clone();
        assertTrue(copy.delay() > 0, "JMeter's copy for another thread has not waited yet");
    }
}
