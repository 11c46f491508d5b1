package io.loadstack.agent.generator.jmeter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The windows JMeter's threads record into, each thread in a stripe of its own, merged when a window is taken. */
class SampleWindowsTest {

    private static final int THREADS = 8;
    private static final int SAMPLES_PER_THREAD = 20_000;

    @Test
    void everySampleOfConcurrentThreadsIsInExactlyOneWindowTakenMeanwhile() throws Exception {
        SampleWindows windows = new SampleWindows(3); // fewer stripes than threads: some share one
        List<List<Map<String, Object>>> taken = new ArrayList<>();
        AtomicBoolean recording = new AtomicBoolean(true);
        Thread taker = new Thread(() -> {
            while (recording.get()) {
                taken.add(windows.takeWindow());
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < SAMPLES_PER_THREAD; i++) {
                    boolean failed = i % 10 == 0;
                    windows.record(i % 2 == 0 ? "GET" : "POST", i % 2 == 0 ? "home" : "checkout", i % 500 + thread,
                            !failed, failed ? "500" : "200", failed ? "Internal Server Error" : null);
                }
            }));
        }
        threads.forEach(Thread::start);
        taker.start();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        recording.set(false);
        taker.join();
        taken.add(windows.takeWindow());

        Map<String, long[]> sums = new HashMap<>();
        for (List<Map<String, Object>> window : taken) {
            for (Map<String, Object> endpoint : window) {
                long[] sum = sums.computeIfAbsent(endpoint.get("method") + " " + endpoint.get("name"), key -> new long[4]);
                sum[0] += (Long) endpoint.get("requests");
                sum[1] += (Long) endpoint.get("failures");
                for (Object count : ((Map<?, ?>) endpoint.get("responseTimes")).values()) {
                    sum[2] += (Long) count;
                }
                sum[3] += ((Map<?, ?>) endpoint.get("errors")).values().stream().mapToLong(count -> (Long) count).sum();
            }
        }
        long each = THREADS * SAMPLES_PER_THREAD / 2;
        long failedEach = THREADS * SAMPLES_PER_THREAD / 10;
        assertEquals(List.of(each, failedEach, each, failedEach), List.of(sums.get("GET home")[0], sums.get("GET home")[1],
                sums.get("GET home")[2], sums.get("GET home")[3]), "GET home: requests, failures, times, errors");
        assertEquals(List.of(each, 0L, each, 0L), List.of(sums.get("POST checkout")[0], sums.get("POST checkout")[1],
                sums.get("POST checkout")[2], sums.get("POST checkout")[3]), "POST checkout: requests, failures, times, errors");
        assertEquals(THREADS * SAMPLES_PER_THREAD, windows.totalRequests());
        assertEquals(failedEach, windows.totalFailures());
        assertTrue(taken.size() > 1, "windows were taken while the threads recorded: " + taken.size());
    }

    @Test
    void theStripesPartsOfOneEndpointBecomeOneWithTheirTimesAndErrorsAdded() throws Exception {
        SampleWindows windows = new SampleWindows(2);
        Thread first = new Thread(() -> windows.record("GET", "home", 12, false, "500", "Internal Server Error"));
        Thread second = new Thread(() -> {
            windows.record("GET", "home", 12, true, "200", null);
            windows.record("GET", "home", 3_000, false, "503", "Service Unavailable");
        });
        first.start();
        first.join();
        second.start();
        second.join();

        List<Map<String, Object>> window = windows.takeWindow();

        assertEquals(1, window.size(), window.toString());
        Map<String, Object> home = window.get(0);
        assertEquals(3L, home.get("requests"));
        assertEquals(2L, home.get("failures"));
        assertEquals(Map.of("12", 2L, "3001", 1L), home.get("responseTimes"), "3,000 ms within HdrHistogram's 0.1 %");
        assertEquals(Map.of("500 Internal Server Error", 1L, "503 Service Unavailable", 1L), home.get("errors"));
        assertEquals(List.of(), windows.takeWindow(), "a new window begins empty");
    }

    @Test
    void mergedErrorKindsStayWithinTheConsumersLimit() throws Exception {
        SampleWindows windows = new SampleWindows(2);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 80; i++) {
                    windows.record("GET", "home", 5, false, "500", "kind " + thread + "-" + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.start();
            thread.join(); // one after the other: each thread its own stripe
        }

        Map<?, ?> errors = (Map<?, ?>) windows.takeWindow().get(0).get("errors");

        assertEquals(EndpointWindow.MAX_ERROR_KINDS, errors.size());
        assertEquals(61L, errors.get(EndpointWindow.OTHER_ERRORS), "160 kinds: 99 named, the other 61 under one");
        assertEquals(160L, errors.values().stream().mapToLong(count -> (Long) count).sum());
    }

    @Test
    void namesAreCutToTheConsumersLengthsAndMissingOnesNamed() {
        SampleWindows windows = new SampleWindows(1);
        windows.record(null, " ", 1, true, "200", null);
        windows.record("PROPFIND-EXTENDED-METHOD", "x".repeat(400), 1, true, "200", null);
        windows.record("PROPFIND-EXTENDED-METHOD", "x".repeat(300) + "y", 1, true, "200", null);

        List<Map<String, Object>> window = windows.takeWindow();

        assertEquals(List.of("JMETER (no label)", "PROPFIND-EXTENDE " + "x".repeat(300)),
                window.stream().map(endpoint -> endpoint.get("method") + " " + endpoint.get("name")).toList());
        assertEquals(2L, window.get(1).get("requests"), "labels alike in their first 300 characters are one endpoint");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
