package io.loadstack.agent.generator.jmeter;

import com.sun.net.httpserver.HttpServer;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerBase;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Before READY, sends requests through JMeter's HTTP sampler to a server of its own on loopback, so that the
 * share's first sample does not load and set up JMeter's HTTP client between the start instant and the first
 * request (about 200 ms a JVM alone, far more with ten JVMs on two cores: BENCHMARKS.md, launches).
 *
 * <p>The warm-up's samplers belong to no test tree and are called directly, on a thread of their own: JMeter
 * tells listeners of a sample only from its own threads, so none of these samples reaches the share's
 * recorder, the plan's own listeners or the run. The launch's target gets no request; its host name is
 * resolved, which JMeter's client would otherwise do at the first request.
 */
final class HttpSamplerWarmUp {

    private static final String PATH = "/loadstack-warm-up";

    private final List<String> implementations;
    private final boolean tls;
    private final Optional<TargetHost> target;

    private HttpSamplerWarmUp(List<String> implementations, boolean tls, Optional<TargetHost> target) {
        this.implementations = implementations;
        this.tls = tls;
        this.target = target;
    }

    /**
     * What the plan's HTTP samplers use: their implementations (the plan's choice or JMeter's default) and
     * whether any goes over TLS. Empty when the plan has no enabled HTTP sampler.
     */
    static Optional<HttpSamplerWarmUp> forPlan(HashTree tree, Optional<TargetHost> target) {
        SearchByClass<HTTPSamplerBase> search = new SearchByClass<>(HTTPSamplerBase.class);
        tree.traverse(search);
        Set<String> implementations = new LinkedHashSet<>();
        boolean tls = target.map(host -> host.protocol().equals("https")).orElse(false);
        for (HTTPSamplerBase sampler : search.getSearchResults()) {
            if (!sampler.isEnabled()) {
                continue;
            }
            implementations.add(sampler instanceof HTTPSamplerProxy proxy ? proxy.getImplementation() : "");
            tls |= "https".equalsIgnoreCase(sampler.getPropertyAsString(HTTPSamplerBase.PROTOCOL));
        }
        return implementations.isEmpty() ? Optional.empty()
                : Optional.of(new HttpSamplerWarmUp(new ArrayList<>(implementations), tls, target));
    }

    /**
     * Runs the warm-up; a failure is the warm-up's, not the share's: it leaves the cost to the first sample.
     *
     * @return the requests that reached the loopback server (what the tests count)
     */
    long run() throws InterruptedException {
        AtomicLong served = new AtomicLong();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            System.err.println("JMeter's HTTP sampler not warmed up: no loopback server: " + e);
            return 0;
        }
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                sendAll(server.getAddress().getPort());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "loadstack-http-warm-up");
        try {
            thread.start();
            thread.join();
        } finally {
            server.stop(0);
        }
        if (failure.get() != null) {
            System.err.println("JMeter's HTTP sampler not warmed up: " + failure.get());
        }
        target.ifPresent(HttpSamplerWarmUp::resolve);
        return served.get();
    }

    private void sendAll(int port) {
        // JMeter's HTTP client keeps its state in the thread's context and variables (gone with this thread)
        JMeterContextService.getContext().setVariables(new JMeterVariables());
        for (String implementation : implementations) {
            send(implementation, "http", port);
            if (tls) {
                // No certificate to serve here: the handshake with the plain server fails after JMeter's SSL
                // context, socket factory and client hello are made, which is the part worth doing early.
                send(implementation, "https", port);
            }
        }
    }

    private static void send(String implementation, String protocol, int port) {
        HTTPSamplerProxy sampler = new HTTPSamplerProxy(implementation);
        sampler.setName("Loadstack warm-up");
        sampler.setProtocol(protocol);
        sampler.setDomain(InetAddress.getLoopbackAddress().getHostAddress());
        sampler.setPort(port);
        sampler.setPath(PATH);
        sampler.setMethod("GET");
        sampler.setUseKeepAlive(false);
        sampler.setFollowRedirects(false);
        sampler.setConnectTimeout("2000");
        sampler.setResponseTimeout("2000");
        try {
            sampler.sample(); // its result is dropped: no listener is told of it
        } finally {
            // closes the connections this thread's client keeps
            sampler.threadFinished();
        }
    }

    private static void resolve(TargetHost host) {
        try {
            InetAddress.getAllByName(host.host());
        } catch (IOException | RuntimeException e) {
            // the first request will say so, as it would without the warm-up
        }
    }
}
