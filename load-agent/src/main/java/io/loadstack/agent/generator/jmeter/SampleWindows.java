package io.loadstack.agent.generator.jmeter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The samples of the current stats window per (method, label), and the totals since the start. JMeter's
 * threads record into it; the poster takes the window every interval and a new one begins.
 *
 * <p>Every JMeter thread records into a stripe of its own (threads beyond the stripes' number share them, in
 * turn), each stripe with its own lock, so that the threads do not queue for one lock at every sample; taking
 * the window takes each stripe's part under that stripe's lock and merges them. A sample is in exactly one
 * stripe's part: the window it was recorded in, or the next one.
 */
final class SampleWindows {

    private static final int MAX_METHOD_CHARS = 16;
    private static final int MAX_NAME_CHARS = 300;

    private final Stripe[] stripes;
    private final AtomicInteger nextStripe = new AtomicInteger();
    private final ThreadLocal<Stripe> stripeOfThread;

    /** Twice as many stripes as processors: the threads that can run at once rarely share one. */
    SampleWindows() {
        this(2 * Runtime.getRuntime().availableProcessors());
    }

    SampleWindows(int stripeCount) {
        stripes = new Stripe[Math.max(1, stripeCount)];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
        stripeOfThread = ThreadLocal.withInitial(() -> stripes[Math.floorMod(nextStripe.getAndIncrement(), stripes.length)]);
    }

    /** @param responseMessage read for a failure only */
    void record(String method, String label, long elapsedMillis, boolean success,
                String responseCode, String responseMessage) {
        stripeOfThread.get().record(method, label, elapsedMillis, success, responseCode, responseMessage);
    }

    /** The window so far, as the consumer's endpoints; a new window begins. */
    List<Map<String, Object>> takeWindow() {
        Map<String, EndpointWindow> merged = new LinkedHashMap<>();
        for (Stripe stripe : stripes) {
            for (EndpointWindow part : stripe.take()) {
                merged.computeIfAbsent(part.method() + " " + part.name(),
                        key -> new EndpointWindow(part.method(), part.name())).add(part);
            }
        }
        List<Map<String, Object>> endpoints = new ArrayList<>(merged.size());
        merged.values().forEach(window -> endpoints.add(window.toJson()));
        return endpoints;
    }

    long totalRequests() {
        long total = 0;
        for (Stripe stripe : stripes) {
            total += stripe.totalRequests();
        }
        return total;
    }

    long totalFailures() {
        long total = 0;
        for (Stripe stripe : stripes) {
            total += stripe.totalFailures();
        }
        return total;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** One part of the window: by JMeter's own method and label strings, cut and named only when first seen. */
    private static final class Stripe {

        private Map<String, Map<String, EndpointWindow>> current = new HashMap<>();
        private final List<EndpointWindow> inOrder = new ArrayList<>();
        private long totalRequests;
        private long totalFailures;

        synchronized void record(String method, String label, long elapsedMillis, boolean success,
                                 String responseCode, String responseMessage) {
            Map<String, EndpointWindow> byLabel = current.get(method);
            if (byLabel == null) {
                byLabel = new HashMap<>();
                current.put(method, byLabel);
            }
            EndpointWindow window = byLabel.get(label);
            if (window == null) {
                window = new EndpointWindow(cut(method == null || method.isBlank() ? "JMETER" : method, MAX_METHOD_CHARS),
                        cut(label == null || label.isBlank() ? "(no label)" : label, MAX_NAME_CHARS));
                byLabel.put(label, window);
                inOrder.add(window);
            }
            window.record(elapsedMillis, success, responseCode, responseMessage);
            totalRequests++;
            if (!success) {
                totalFailures++;
            }
        }

        /** This stripe's part of the window, in the order its endpoints were first seen; its next part begins. */
        synchronized List<EndpointWindow> take() {
            if (inOrder.isEmpty()) {
                return List.of();
            }
            List<EndpointWindow> part = new ArrayList<>(inOrder);
            inOrder.clear();
            current = new HashMap<>();
            return part;
        }

        synchronized long totalRequests() {
            return totalRequests;
        }

        synchronized long totalFailures() {
            return totalFailures;
        }
    }
}
