package io.loadstack.agent.share;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A share's log lines waiting for a report: at most {@link #PER_REPORT} per report, each cut to
 * {@link #MAX_CHARS}, as Loadstack keeps them. Lines that a failed report did not deliver go out with the next;
 * past {@link #MAX_WAITING} waiting lines the oldest are dropped and counted, so that a chatty generator cut
 * off from Loadstack does not fill the agent's memory.
 */
final class ShareLog {

    static final int PER_REPORT = 50;
    static final int MAX_CHARS = 500;
    static final int MAX_WAITING = 1000;

    private final Deque<String> waiting = new ArrayDeque<>();
    private long dropped;

    synchronized void add(String line) {
        if (waiting.size() == MAX_WAITING) {
            waiting.removeFirst();
            dropped++;
        }
        waiting.addLast(line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 1) + "…");
    }

    /** The next lines for a report; {@link #putBack} them if it fails. */
    synchronized List<String> take() {
        List<String> lines = new ArrayList<>();
        if (dropped > 0) {
            lines.add("(" + dropped + " log line" + (dropped == 1 ? "" : "s") + " dropped while Loadstack could not be reached)");
            dropped = 0;
        }
        while (lines.size() < PER_REPORT && !waiting.isEmpty()) {
            lines.add(waiting.removeFirst());
        }
        return lines;
    }

    synchronized void putBack(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            waiting.addFirst(lines.get(i));
        }
        while (waiting.size() > MAX_WAITING) {
            waiting.removeLast();
            dropped++;
        }
    }

    synchronized boolean isEmpty() {
        return waiting.isEmpty() && dropped == 0;
    }
}
