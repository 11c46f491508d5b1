package io.loadstack.testsupport.hostile;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sends a corpus to a running service and judges every answer by the one rule that holds for all of them:
 * never a 5xx (nor no answer at all), and every 4xx a JSON object with a string {@code error}.
 */
public final class HostileRun {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hostile-client");
        thread.setDaemon(true);
        return thread;
    });

    /** One broken rule: what was sent and what came back. */
    public record Failure(Probe probe, int status, String body) {
    }

    private final RawHttp http;
    private final List<Failure> failures = new ArrayList<>();
    /** Time spent waiting for answers, by route: where a corpus's run time goes. */
    private final Map<String, Long> nanosByRoute = new java.util.HashMap<>();
    private int sent;

    private HostileRun(RawHttp http) {
        this.http = http;
    }

    /** How many copies of a bomb arrive together: a few clients' worth. */
    static final int BOMBS_AT_ONCE = 4;

    public static HostileRun against(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return new HostileRun(new RawHttp(uri.getHost(), uri.getPort()));
    }

    /** The whole corpus over these routes: every probe once, then each bomb {@value #BOMBS_AT_ONCE} times at once. */
    public HostileRun sendCorpus(HostileCorpus corpus, List<Route> routes) {
        return send(corpus.probes(routes)).sendTogether(corpus.bombs(routes), BOMBS_AT_ONCE);
    }

    public HostileRun send(List<Probe> probes) {
        for (Probe probe : probes) {
            long start = System.nanoTime();
            RawHttp.Answer answer = http.send(probe);
            nanosByRoute.merge(probe.route(), System.nanoTime() - start, Long::sum);
            sent++;
            String problem = judge(probe, answer);
            if (problem != null) {
                failures.add(new Failure(probe, answer.status(), problem));
            }
        }
        return this;
    }

    /**
     * Sends each probe {@code copies} times at once, as several clients would: what one request may
     * cost (a gzip bomb inflating to the limit) must not take the server down when a few arrive together.
     */
    public HostileRun sendTogether(List<Probe> probes, int copies) {
        for (Probe probe : probes) {
            List<java.util.concurrent.CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> http.send(probe), POOL));
            }
            for (java.util.concurrent.CompletableFuture<RawHttp.Answer> pending : answers) {
                RawHttp.Answer answer = pending.join();
                sent++;
                String problem = judge(probe, answer);
                if (problem != null) {
                    failures.add(new Failure(new Probe(probe.route(), probe.input() + " (" + copies + " at once)", probe.method(),
                            probe.target(), probe.headers(), probe.body(), probe.mustBeRejected()), answer.status(), problem));
                }
            }
        }
        return this;
    }

    public int sent() {
        return sent;
    }

    public List<Failure> failures() {
        return failures;
    }

    /** @return the {@code count} routes whose probes (sent one by one) took longest, with their seconds */
    public String slowestRoutes(int count) {
        return nanosByRoute.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Null when the answer keeps the rule, else what is wrong with it. */
    static String judge(Probe probe, RawHttp.Answer answer) {
        if (answer.status() == 0) {
            return "no answer: " + answer.problem();
        }
        String body = answer.bodyText();
        if (probe.mustBeRejected() && answer.status() < 400) {
            return "accepted what is not JSON: " + body;
        }
        if (answer.status() >= 500) {
            return body;
        }
        if (answer.status() >= 400 && !probe.method().equals("HEAD")) {
            try {
                Map<String, Object> json = JSON.readValue(body, Argument.mapOf(String.class, Object.class));
                if (json == null || !(json.get("error") instanceof String)) {
                    return "no string \"error\": " + body;
                }
            } catch (Exception notJson) {
                return "not a JSON object (" + answer.header("content-type") + "): " + body;
            }
        }
        return null;
    }

    /** The failures as a table, one line each: route, input, status, body (shortened). */
    public String table(long seed) {
        StringBuilder out = new StringBuilder();
        out.append(failures.size()).append(" of ").append(sent).append(" hostile requests broke the rule (seed ")
                .append(seed).append("; rerun with -Dhostile.seed=").append(seed).append(")\n");
        out.append(String.format("%-42s | %-60s | %-6s | %s%n", "route", "input", "status", "body"));
        for (Failure failure : failures) {
            out.append(String.format("%-42s | %-60s | %-6s | %s%n", cut(failure.probe().route(), 42), cut(failure.probe().input(), 60),
                    failure.status() == 0 ? "none" : Integer.toString(failure.status()), cut(failure.body().replaceAll("\\s+", " "), 160)));
        }
        return out.toString();
    }

    /**
     * The routes the router serves that the corpus has no {@link Route} for, and the corpus's routes the
     * router no longer serves; both empty when the corpus covers the service exactly.
     */
    public static String coverageGaps(Collection<String> routerKeys, List<Route> routes) {
        TreeSet<String> missing = new TreeSet<>(routerKeys);
        TreeSet<String> stale = new TreeSet<>();
        for (Route route : routes) {
            missing.remove(route.key());
            // The router adds a HEAD for every GET; the corpus sends HEADs with each GET route's probes.
            if (route.key().startsWith("GET ")) {
                missing.remove("HEAD " + route.key().substring(4));
            }
            if (!routerKeys.contains(route.key())) {
                stale.add(route.key());
            }
        }
        if (missing.isEmpty() && stale.isEmpty()) {
            return "";
        }
        return (missing.isEmpty() ? "" : "routes without a hostile corpus (add a Route for each): " + missing + "\n")
                + (stale.isEmpty() ? "" : "corpus routes the service no longer has: " + stale + "\n");
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
