package io.loadstack.agent.generator.jmeter;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerBase;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.PostThreadGroup;
import org.apache.jmeter.threads.SetupThreadGroup;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a loaded test plan run the agent's share, as the load-agent README ("JMeter plans") promises:
 * every enabled thread group gets a part of the share's users (the parts add up to the share), its
 * ramp-up and its duration (scheduler on, loops forever); setUp and tearDown thread groups are left as
 * they are. With a target host, every HTTP Request Defaults element and every HTTP sampler that names no
 * server of its own is pointed at it; samplers with a server of their own keep it (a login service, a CDN).
 */
final class ShareOverrides {

    private static final String HTTP_DEFAULTS_GUI = "HttpDefaultsGui";

    private ShareOverrides() {
    }

    /** @return the thread groups given users, in plan order */
    static List<ThreadGroup> apply(HashTree tree, int users, int rampUpSeconds, int durationSeconds,
                                   Optional<TargetHost> target) {
        List<ThreadGroup> groups = new ArrayList<>();
        SearchByClass<ThreadGroup> search = new SearchByClass<>(ThreadGroup.class);
        tree.traverse(search);
        for (ThreadGroup group : search.getSearchResults()) {
            if (group.isEnabled() && !(group instanceof SetupThreadGroup) && !(group instanceof PostThreadGroup)) {
                groups.add(group);
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            ThreadGroup group = groups.get(i);
            int part = users / groups.size() + (i < users % groups.size() ? 1 : 0);
            group.setNumThreads(part);
            group.setRampUp(rampUpSeconds);
            group.setScheduler(true);
            group.setDuration(durationSeconds);
            group.setDelay(0);
            if (group.getSamplerController() instanceof LoopController loop) {
                loop.setLoops(LoopController.INFINITE_LOOP_COUNT);
            }
        }
        target.ifPresent(host -> pointAt(tree, host));
        return groups;
    }

    private static void pointAt(HashTree tree, TargetHost target) {
        SearchByClass<HTTPSamplerBase> samplers = new SearchByClass<>(HTTPSamplerBase.class);
        tree.traverse(samplers);
        for (HTTPSamplerBase sampler : samplers.getSearchResults()) {
            if (sampler.getDomain() == null || sampler.getDomain().isBlank()) {
                sampler.setProtocol(target.protocol());
                sampler.setDomain(target.host());
                sampler.setProperty(HTTPSamplerBase.PORT, target.port());
            }
        }
        SearchByClass<ConfigTestElement> configs = new SearchByClass<>(ConfigTestElement.class);
        tree.traverse(configs);
        for (ConfigTestElement config : configs.getSearchResults()) {
            if (config.getPropertyAsString(TestElement.GUI_CLASS).endsWith(HTTP_DEFAULTS_GUI)) {
                config.setProperty(HTTPSamplerBase.PROTOCOL, target.protocol());
                config.setProperty(HTTPSamplerBase.DOMAIN, target.host());
                config.setProperty(HTTPSamplerBase.PORT, target.port());
            }
        }
    }
}
