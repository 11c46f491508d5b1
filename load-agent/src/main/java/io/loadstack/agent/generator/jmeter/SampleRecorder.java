package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.control.TransactionController;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleMonitor;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The listener the driver adds at the top of the test tree: every top-level sample (what JMeter's own
 * summariser counts: a sample's sub-results, such as redirects or embedded resources, are part of it, and
 * Transaction Controller samples are left out) goes into {@link SampleWindows}. As a {@link SampleMonitor} it
 * sees the first sampler start, which is when the share's first request leaves (a sample is only heard of
 * once its response is in). One instance for all threads, hence {@link NoThreadClone}.
 */
public final class SampleRecorder extends AbstractTestElement
        implements SampleListener, SampleMonitor, TestStateListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient SampleWindows windows;
    private final transient LongConsumer firstSample;
    private final transient CountDownLatch ended = new CountDownLatch(1);
    private final transient AtomicBoolean started = new AtomicBoolean();

    /** @param firstSample told when the first sampler starts (epoch ms), once */
    SampleRecorder(SampleWindows windows, LongConsumer firstSample) {
        this.windows = windows;
        this.firstSample = firstSample;
        setName("Loadstack");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult result = event.getResult();
        if (TransactionController.isFromTransactionController(result)) {
            return;
        }
        String method = result instanceof HTTPSampleResult http ? http.getHTTPMethod() : null;
        boolean success = result.isSuccessful();
        windows.record(method, result.getSampleLabel(), result.getTime(), success, result.getResponseCode(),
                success ? null : failureMessage(result));
    }

    /** A failed assertion says why a sample failed better than its response message ("OK"), as in JMeter's reports. */
    private static String failureMessage(SampleResult result) {
        for (AssertionResult assertion : result.getAssertionResults()) {
            if ((assertion.isFailure() || assertion.isError()) && assertion.getFailureMessage() != null) {
                return assertion.getFailureMessage();
            }
        }
        return result.getResponseMessage();
    }

    @Override
    public void sampleStarting(Sampler sampler) {
        if (!started.get() && started.compareAndSet(false, true)) {
            firstSample.accept(System.currentTimeMillis());
        }
    }

    @Override
    public void sampleEnded(Sampler sampler) {
        // the sample itself comes to sampleOccurred
    }

    @Override
    public void sampleStarted(SampleEvent event) {
        // JMeter calls sampleOccurred with the whole sample; its start time is in there
    }

    @Override
    public void sampleStopped(SampleEvent event) {
        // as for sampleStarted
    }

    @Override
    public void testStarted() {
        // nothing to set up: the windows exist before the engine starts
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        ended.countDown();
    }

    @Override
    public void testEnded(String host) {
        testEnded();
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }
}
