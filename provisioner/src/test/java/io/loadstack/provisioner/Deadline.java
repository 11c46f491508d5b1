package io.loadstack.provisioner;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a fixed sleep): fails with what was seen last. */
public final class Deadline {

    private Deadline() {
    }

    /** @return what was seen when the condition held */
    public static <T> T await(String what, Duration limit, Supplier<T> observe, Predicate<T> done) {
        long end = System.nanoTime() + limit.toNanos();
        T seen = observe.get();
        while (!done.test(seen)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit + ": " + what + "; last seen: " + seen);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
            seen = observe.get();
        }
        return seen;
    }
}
