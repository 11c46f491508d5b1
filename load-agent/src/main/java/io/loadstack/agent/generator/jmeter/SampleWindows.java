package io.loadstack.agent.generator.jmeter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of the current stats window per (method, label), and the totals since the start. JMeter's
 * threads record into it; the poster takes the window every interval and a new one begins.
 */
final class SampleWindows {

    private static final int MAX_METHOD_CHARS = 16;
    private static final int MAX_NAME_CHARS = 300;

    private Map<String, EndpointWindow> current = new LinkedHashMap<>();
    private long totalRequests;
    private long totalFailures;

    synchronized void record(String method, String label, long elapsedMillis, boolean success,
                             String responseCode, String responseMessage) {
        String shortMethod = cut(method == null || method.isBlank() ? "JMETER" : method, MAX_METHOD_CHARS);
        String name = cut(label == null || label.isBlank() ? "(no label)" : label, MAX_NAME_CHARS);
        current.computeIfAbsent(shortMethod + " " + name, key -> new EndpointWindow(shortMethod, name))
                .record(elapsedMillis, success, responseCode, responseMessage);
        totalRequests++;
        if (!success) {
            totalFailures++;
        }
    }

    /** The window so far, as the consumer's endpoints; a new window begins. */
    synchronized List<Map<String, Object>> takeWindow() {
        List<Map<String, Object>> endpoints = new ArrayList<>();
        current.values().forEach(window -> endpoints.add(window.toJson()));
        current = new LinkedHashMap<>();
        return endpoints;
    }

    synchronized long totalRequests() {
        return totalRequests;
    }

    synchronized long totalFailures() {
        return totalFailures;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
