package io.loadstack.consumer.influx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JMeter's Backend Listener ({@code InfluxdbBackendListenerClient}) every 5 s: per transaction a
 * {@code statut=all}, {@code ok} and {@code ko} line (count, avg, min, max, hit, sb, rb, pct90.0...), one
 * line per error (tags responseCode, responseMessage; field count), a {@code transaction=all} summary,
 * a {@code transaction=internal} line with the thread counts, and at start and end an {@code events}
 * annotation "<testTitle> started" / "<testTitle> ended". The run is keyed by the {@code application} tag.
 *
 * <p>JMeter sends aggregated windows, not samples: each window's {@code statut=all} line becomes
 * {@code count} requests whose response times are spread over a piecewise-linear distribution through
 * min, the percentiles JMeter sends, max, and a median chosen so that the mean is JMeter's {@code avg}
 * (see {@link QuantileSpread}). Percentiles of a run are therefore approximate, exact at the sent
 * percentiles within a window. Failures are the {@code statut=ko} counts, users the threads' mean.
 * The {@code transaction=all} summary is used only when no per-transaction line came (summaryOnly=true).
 */
final class JmeterPointMapper {

    static final String ORIGIN = "jmeter";
    static final String KEY_TAG = "application";
    /** JMeter does not tell the HTTP method of a transaction; its endpoints carry this one. */
    static final String METHOD = "JMETER";

    private final java.util.Set<String> summaries = new java.util.HashSet<>();
    private final Map<String, double[]> summaryValues = new HashMap<>();
    private final Map<String, Boolean> perTransaction = new HashMap<>();

    static boolean isJmeter(Point point) {
        if (point.tag("transaction") != null && (point.tag("statut") != null || point.tag("responseCode") != null
                || "internal".equals(point.tag("transaction")))) {
            return true;
        }
        String text = point.string("text");
        return point.measurement().equals("events") && text != null
                && ("ApacheJMeter".equals(point.tag("title")) || point.tag("application") != null)
                && (text.endsWith(" started") || text.endsWith(" ended"));
    }

    /** @return whether the point went into the run */
    boolean map(Point point, InfluxWrite write) {
        String application = point.tag("application");
        if (application == null) {
            application = "";
        }
        String text = point.string("text");
        if (text != null && point.tag("transaction") == null) {
            boolean started = text.endsWith(" started");
            String title = text.substring(0, text.length() - (started ? " started" : " ended").length());
            RunSamplesBuilder run = write.run(ORIGIN, KEY_TAG, application, runName(application, title));
            run.name = runName(application, title);
            run.tags.put("testTitle", title);
            if (started) {
                run.starts++;
                run.seen(point.timeNanos());
            } else {
                run.ends++;
            }
            return true;
        }
        RunSamplesBuilder run = write.run(ORIGIN, KEY_TAG, application, application.isEmpty() ? "JMeter test" : application);
        String transaction = point.tag("transaction");
        String status = point.tag("statut");
        if (transaction.equals("internal")) {
            double mean = point.number("meanAT");
            run.users(point.timeNanos(), Double.isNaN(mean) ? point.number("maxAT") : mean);
            return true;
        }
        run.seen(point.timeNanos());
        if (point.tag("responseCode") != null) {
            long count = count(point);
            String message = (point.tag("responseCode") + " " + nullToEmpty(point.tag("responseMessage"))).trim();
            endpoint(run, transaction).error(message, count);
            return true;
        }
        if (transaction.equals("all")) {
            if ("all".equals(status)) {
                // Kept aside: it repeats the per-transaction lines, unless the listener sends only this one.
                summaryValues.put(application, new double[]{count(point), point.number("countError")});
                summaries.add(application);
                double[] quantiles = quantiles(point);
                summaryValues.put(application + "\u0000q", quantiles);
            }
            return true;
        }
        perTransaction.put(application, true);
        RunSamplesBuilder.EndpointSamples endpoint = endpoint(run, transaction);
        if ("all".equals(status)) {
            long count = count(point);
            endpoint.requests += count;
            approximate(endpoint, count, quantiles(point));
        } else if ("ko".equals(status)) {
            endpoint.failures += count(point);
        }
        return true;
    }

    /** At the end of a write: summaries of listeners that sent no per-transaction line become endpoint "all". */
    void finish(InfluxWrite write) {
        summaries.forEach(application -> {
            if (perTransaction.containsKey(application)) {
                return;
            }
            double[] counts = summaryValues.get(application);
            RunSamplesBuilder run = write.run(ORIGIN, KEY_TAG, application, application.isEmpty() ? "JMeter test" : application);
            RunSamplesBuilder.EndpointSamples endpoint = endpoint(run, "all");
            long count = Math.round(counts[0]);
            endpoint.requests += count;
            endpoint.failures += Double.isNaN(counts[1]) ? 0 : Math.round(counts[1]);
            approximate(endpoint, count, summaryValues.get(application + "\u0000q"));
        });
    }

    private static RunSamplesBuilder.EndpointSamples endpoint(RunSamplesBuilder run, String transaction) {
        return run.endpoint(METHOD, transaction);
    }

    private static String runName(String application, String title) {
        return application.isEmpty() || application.equals(title) ? title : application + " – " + title;
    }

    private static long count(Point point) {
        double count = point.number("count");
        return Double.isNaN(count) ? 0 : Math.max(0, Math.round(count));
    }

    /**
     * The known points of the window's distribution as (quantile, ms) pairs sorted by quantile:
     * min at 0, pctNN at NN %, max at 1, and avg as the last element (NaN when absent).
     */
    private static double[] quantiles(Point point) {
        List<double[]> knots = new ArrayList<>();
        double min = point.number("min");
        double max = point.number("max");
        double avg = point.number("avg");
        for (int i = 0; i < point.fieldCount(); i++) {
            String key = point.fieldKey(i);
            if (key.startsWith("pct")) {
                try {
                    double q = Double.parseDouble(key.substring(3)) / 100.0;
                    double value = point.number(key);
                    if (q > 0 && q < 1 && !Double.isNaN(value)) {
                        knots.add(new double[]{q, value});
                    }
                } catch (NumberFormatException ignored) {
                    // not a percentile field
                }
            }
        }
        double fallback = !Double.isNaN(avg) ? avg : !knots.isEmpty() ? knots.get(0)[1] : 0;
        knots.add(new double[]{0, Double.isNaN(min) ? fallback : min});
        knots.add(new double[]{1, Double.isNaN(max) ? fallback : max});
        knots.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] flat = new double[knots.size() * 2 + 1];
        double floor = knots.get(0)[1];
        for (int i = 0; i < knots.size(); i++) {
            floor = Math.max(floor, knots.get(i)[1]); // a quantile function never decreases
            flat[2 * i] = knots.get(i)[0];
            flat[2 * i + 1] = floor;
        }
        flat[flat.length - 1] = avg;
        return flat;
    }

    /** Records {@code count} requests spread over the window's distribution ({@link QuantileSpread}). */
    static void approximate(RunSamplesBuilder.EndpointSamples endpoint, long count, double[] flat) {
        QuantileSpread.spread(count, flat, endpoint::recordMs);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
