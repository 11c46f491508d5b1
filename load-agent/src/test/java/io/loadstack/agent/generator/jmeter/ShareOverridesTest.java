package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerBase;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a plan becomes the agent's share, on a test tree built with JMeter's own classes. */
class ShareOverridesTest {

    /** As SaveService loads a plan: in the plan's order. */
    private final HashTree tree = new ListedHashTree();
    private final TestPlan plan = new TestPlan("plan");

    @Test
    void theSharesUsersAreSplitOverTheThreadGroupsWithItsTimingAndEndlessLoops() {
        ThreadGroup browsers = group("browsers", 50);
        ThreadGroup buyers = group("buyers", 1);
        SetupThreadGroup setUp = new SetupThreadGroup();
        setUp.setNumThreads(1);
        tree.add(plan).add(List.of(browsers, buyers, setUp));

        List<ThreadGroup> groups = ShareOverrides.apply(tree, 5, 10, 60, Optional.empty());

        assertEquals(List.of(browsers, buyers), groups, "setUp and tearDown groups are not the share's");
        assertEquals(3, browsers.getNumThreads());
        assertEquals(2, buyers.getNumThreads());
        assertEquals(1, setUp.getNumThreads());
        for (ThreadGroup group : groups) {
            assertEquals(10, group.getRampUp());
            assertTrue(group.getScheduler());
            assertEquals(60, group.getDuration());
            assertEquals(LoopController.INFINITE_LOOP_COUNT, ((LoopController) group.getSamplerController()).getLoops());
        }
    }

    @Test
    void theTargetReplacesHttpDefaultsAndFillsSamplersWithoutAServerOfTheirOwn() {
        ThreadGroup group = group("users", 1);
        ConfigTestElement defaults = new ConfigTestElement();
        defaults.setProperty(TestElement.GUI_CLASS, "org.apache.jmeter.protocol.http.config.gui.HttpDefaultsGui");
        defaults.setProperty(HTTPSamplerBase.DOMAIN, "staging.shop");
        HTTPSamplerProxy open = new HTTPSamplerProxy();
        open.setPath("/cart");
        HTTPSamplerProxy login = new HTTPSamplerProxy();
        login.setDomain("login.example");
        login.setProtocol("https");
        HashTree groupTree = tree.add(plan).add(group);
        groupTree.add(List.of(defaults, open, login));

        ShareOverrides.apply(tree, 1, 0, 30, TargetHost.parse("https://shop.internal:8443"));

        assertEquals("shop.internal", defaults.getPropertyAsString(HTTPSamplerBase.DOMAIN));
        assertEquals("https", defaults.getPropertyAsString(HTTPSamplerBase.PROTOCOL));
        assertEquals("8443", defaults.getPropertyAsString(HTTPSamplerBase.PORT));
        assertEquals("shop.internal", open.getDomain());
        assertEquals(8443, open.getPort());
        assertEquals("https", open.getProtocol());
        assertEquals("login.example", login.getDomain(), "a sampler's own server is kept");
    }

    @Test
    void aBareHostIsHttpOnItsDefaultPort() {
        assertEquals(Optional.of(new TargetHost("http", "shop.internal", "")), TargetHost.parse("shop.internal"));
        assertEquals(Optional.empty(), TargetHost.parse(" "));
    }

    private static ThreadGroup group(String name, int threads) {
        ThreadGroup group = new ThreadGroup();
        group.setName(name);
        group.setNumThreads(threads);
        LoopController loop = new LoopController();
        loop.setLoops(1);
        group.setSamplerController(loop);
        return group;
    }
}
