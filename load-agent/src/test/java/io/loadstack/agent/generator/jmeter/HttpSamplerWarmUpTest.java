package io.loadstack.agent.generator.jmeter;

import com.sun.net.httpserver.HttpServer;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerFactory;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.sampler.DebugSampler;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP sampler's warm-up before READY: its requests go to its own server and none of its samples is counted. */
class HttpSamplerWarmUpTest {

    @TempDir
    static Path work;

    private final AtomicLong targetRequests = new AtomicLong();
    private HttpServer target;

    @BeforeAll
    static void jmeter() throws IOException {
        JmeterHome home = JmeterHome.make(work, work.resolve("lib"));
        JMeterUtils.setJMeterHome(home.path().toString());
        JMeterUtils.loadJMeterProperties(home.bin("jmeter.properties").toString());
        JMeterUtils.initLocale();
    }

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            targetRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    @Test
    void theWarmUpsRequestsGoToItsOwnServerAndTheRunCountsOnlyThePlansSamples() throws Exception {
        HashTree tree = new ListedHashTree();
        HashTree group = tree.add(new TestPlan("plan")).add(group(2, 5));
        group.add(sampler("/home", ""));
        SampleWindows windows = new SampleWindows();
        SampleRecorder recorder = new SampleRecorder(windows, started -> { });
        tree.add(tree.getArray()[0], recorder);

        long warmUpRequests = HttpSamplerWarmUp.forPlan(tree, targetHost()).orElseThrow().run();

        assertEquals(1, warmUpRequests, "one request through JMeter's default HTTP implementation");
        assertEquals(0, targetRequests.get(), "the target gets none");
        assertEquals(0, windows.totalRequests());

        StandardJMeterEngine engine = new StandardJMeterEngine();
        engine.configure(tree);
        engine.runTest();
        assertTrue(recorder.awaitEnd(30, TimeUnit.SECONDS), "2 threads × 5 loops end");
        assertEquals(10, targetRequests.get());
        assertEquals(10, windows.totalRequests(), "the plan's samples and not one more");
        assertEquals(0, windows.totalFailures());
    }

    @Test
    void eachHttpImplementationThePlanUsesIsWarmedUp() throws Exception {
        HashTree tree = new ListedHashTree();
        tree.add(new TestPlan("plan")).add(group(1, 1)).add(List.of(
                sampler("/a", HTTPSamplerFactory.IMPL_HTTP_CLIENT4), sampler("/b", HTTPSamplerFactory.IMPL_JAVA),
                sampler("/c", HTTPSamplerFactory.IMPL_JAVA)));

        assertEquals(2, HttpSamplerWarmUp.forPlan(tree, targetHost()).orElseThrow().run());
        assertEquals(0, targetRequests.get());
    }

    @Test
    void aTlsTargetIsWarmedUpWithoutARequestToIt() throws Exception {
        HashTree tree = new ListedHashTree();
        tree.add(new TestPlan("plan")).add(group(1, 1)).add(sampler("/home", ""));

        long warmUpRequests = HttpSamplerWarmUp.forPlan(tree, TargetHost.parse("https://127.0.0.1:"
                + target.getAddress().getPort())).orElseThrow().run();

        assertEquals(1, warmUpRequests, "the plain request; the TLS handshake with the plain server goes no further");
        assertEquals(0, targetRequests.get());
    }

    @Test
    void aPlanWithoutAnHttpSamplerHasNoWarmUp() {
        HashTree tree = new ListedHashTree();
        tree.add(new TestPlan("plan")).add(group(1, 1)).add(new DebugSampler());
        HTTPSamplerProxy disabled = sampler("/off", "");
        disabled.setEnabled(false);
        tree.getTree(tree.getArray()[0]).add(disabled);

        assertEquals(Optional.empty(), HttpSamplerWarmUp.forPlan(tree, targetHost()));
    }

    private Optional<TargetHost> targetHost() {
        return TargetHost.parse("http://127.0.0.1:" + target.getAddress().getPort());
    }

    private HTTPSamplerProxy sampler(String path, String implementation) {
        HTTPSamplerProxy sampler = new HTTPSamplerProxy(implementation);
        sampler.setName(path);
        sampler.setProtocol("http");
        sampler.setDomain("127.0.0.1");
        sampler.setPort(target.getAddress().getPort());
        sampler.setPath(path);
        sampler.setMethod("GET");
        return sampler;
    }

    private static ThreadGroup group(int threads, int loops) {
        ThreadGroup group = new ThreadGroup();
        group.setName("users");
        group.setNumThreads(threads);
        group.setRampUp(0);
        LoopController loop = new LoopController();
        loop.setLoops(loops);
        loop.setContinueForever(false);
        group.setSamplerController(loop);
        return group;
    }
}
