package io.loadstack.consumer.ingest;

import io.loadstack.support.thresholds.InvalidThresholdsException;
import io.loadstack.support.thresholds.ThresholdParser;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns the loosely typed parts of the event bodies into checked values, or a 400 that says what is wrong. */
final class RequestParsing {

    /** Response times above an hour are not measurements but bugs in the sender. */
    static final double MAX_RESPONSE_TIME_MS = 3_600_000;
    static final int MAX_HISTOGRAM_ENTRIES = 10_000;
    static final int MAX_RAW_SAMPLES = 100_000;
    static final int MAX_TAGS = 50;

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Instant EARLIEST_TIME = Instant.EPOCH;
    private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private RequestParsing() {
    }

    static String uuid(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw badRequest("uuid: not a UUID: '" + shorten(value) + "'");
        }
    }

    /**
     * A uuid a client chose for a new run: the canonical lowercase form only, since it becomes the run's key
     * as it is and two spellings of one uuid must not name two runs.
     */
    static String chosenUuid(String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw badRequest("uuid: not a lowercase UUID (8-4-4-4-12 hex digits): '" + shorten(value) + "'");
        }
        return value;
    }

    /** ISO-8601 with or without zone (UTC assumed), or epoch seconds/milliseconds; null means now. */
    static Instant time(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                parsed = LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                parsed = epochTime(field, value);
            }
        }
        if (parsed.isBefore(EARLIEST_TIME) || parsed.isAfter(LATEST_TIME)) {
            // MySQL's DATETIME ends at 9999, and a load test before 1970 is a client's mistake: refused here,
            // such a time would be acknowledged and then refused by MySQL at every write.
            throw badRequest(field + ": '" + shorten(value) + "' is out of range (1970 to 9999)");
        }
        return parsed;
    }

    /** Seconds or, above 1e11, milliseconds since the epoch, as the old clients send. */
    private static Instant epochTime(String field, String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException notNumber) {
            throw badRequest(field + ": not a time: '" + shorten(value) + "' (use ISO-8601, e.g. 2026-11-23T10:00:00Z)");
        }
        double millis = number > 1e11 ? number : number * 1000;
        if (!Double.isFinite(millis) || Math.abs(millis) > LATEST_TIME.toEpochMilli()) {
            throw badRequest(field + ": '" + shorten(value) + "' is out of range (1970 to 9999)");
        }
        return Instant.ofEpochMilli((long) millis);
    }

    /** Tags as strings; numbers and booleans are accepted and written as text, objects are refused. */
    static Map<String, String> tags(Map<String, JsonNode> raw) {
        Map<String, String> tags = new TreeMap<>();
        if (raw == null) {
            return tags;
        }
        if (raw.size() > MAX_TAGS) {
            throw badRequest("measurement.tags: at most " + MAX_TAGS + " tags");
        }
        raw.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 100) {
                throw badRequest("measurement.tags: a tag name must have 1 to 100 characters");
            }
            if (value == null || value.isNull()) {
                return;
            }
            if (!value.isValueNode()) {
                throw badRequest("measurement.tags." + shorten(key) + ": must be a string, number or boolean");
            }
            String text = value.coerceStringValue();
            if (text.length() > 255) {
                throw badRequest("measurement.tags." + shorten(key) + ": at most 255 characters");
            }
            tags.put(key, text);
        });
        return tags;
    }

    /**
     * A run's own thresholds, kept as written once each parses: the api-service evaluates them with the same
     * parser. Null when there are none.
     */
    static List<String> thresholds(List<String> expressions) {
        if (expressions == null || expressions.isEmpty()) {
            return null;
        }
        try {
            ThresholdParser.parseAll("thresholds", expressions);
        } catch (InvalidThresholdsException e) {
            throw badRequest(e.getMessage());
        }
        return List.copyOf(expressions);
    }

    /** Response times as parallel arrays of microseconds and counts. */
    record Histogram(long[] valuesMicros, long[] counts) {
        static final Histogram EMPTY = new Histogram(new long[0], new long[0]);
    }

    /**
     * An endpoint's response times, checked against its counts: failures are among the requests, and each
     * request has at most one time. Fewer times than requests is allowed (a generator may not time every
     * request, e.g. connection errors): those requests count, but do not move the percentiles.
     */
    static Histogram endpointTimes(String field, EventRequests.Endpoint endpoint) {
        if (endpoint.failures() > endpoint.requests()) {
            throw badRequest(field + ": failures (" + endpoint.failures() + ") exceed requests (" + endpoint.requests()
                    + "); failed requests are counted among the requests");
        }
        Histogram times = responseTimes(field + ".responseTimes", endpoint.responseTimes());
        long timed = 0;
        for (long count : times.counts()) {
            timed += count;
        }
        if (timed > endpoint.requests()) {
            throw badRequest(field + ".responseTimes: " + timed + " response times for " + endpoint.requests()
                    + " requests; each request has at most one");
        }
        return times;
    }

    static Histogram responseTimes(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return Histogram.EMPTY;
        }
        if (node.isObject()) {
            if (node.size() > MAX_HISTOGRAM_ENTRIES) {
                throw badRequest(field + ": at most " + MAX_HISTOGRAM_ENTRIES + " distinct response times");
            }
            Map<Long, Long> buckets = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                double ms;
                try {
                    ms = Double.parseDouble(entry.getKey());
                } catch (NumberFormatException e) {
                    throw badRequest(field + ": key '" + shorten(entry.getKey()) + "' is not a response time in ms");
                }
                JsonNode count = entry.getValue();
                if (!count.isNumber() || count.getNumberValue().doubleValue() % 1 != 0) {
                    throw badRequest(field + "." + shorten(entry.getKey()) + ": the count must be a whole number");
                }
                long n = count.getLongValue();
                if (n < 0 || n > EventRequests.MAX_COUNT) {
                    throw badRequest(field + "." + shorten(entry.getKey()) + ": count out of range");
                }
                buckets.merge(micros(field, ms), n, Long::sum);
            }
            long[] values = new long[buckets.size()];
            long[] counts = new long[buckets.size()];
            int i = 0;
            for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
                values[i] = bucket.getKey();
                counts[i++] = bucket.getValue();
            }
            return new Histogram(values, counts);
        }
        if (node.isArray()) {
            if (node.size() > MAX_RAW_SAMPLES) {
                throw badRequest(field + ": at most " + MAX_RAW_SAMPLES + " raw response times per post");
            }
            List<Long> values = new ArrayList<>(node.size());
            for (JsonNode value : node.values()) {
                if (!value.isNumber()) {
                    throw badRequest(field + ": raw response times must be numbers (ms)");
                }
                values.add(micros(field, value.getDoubleValue()));
            }
            long[] valuesMicros = values.stream().mapToLong(Long::longValue).toArray();
            long[] counts = new long[valuesMicros.length];
            java.util.Arrays.fill(counts, 1);
            return new Histogram(valuesMicros, counts);
        }
        throw badRequest(field + ": must be an object {\"<ms>\": count} or a list of times in ms");
    }

    private static long micros(String field, double ms) {
        if (Double.isNaN(ms) || ms < 0 || ms > MAX_RESPONSE_TIME_MS) {
            throw badRequest(field + ": response time " + ms + " ms is out of range (0 to " + (long) MAX_RESPONSE_TIME_MS + ")");
        }
        return Math.round(ms * 1000);
    }

    static BadIngestRequestException badRequest(String message) {
        return new BadIngestRequestException(message);
    }

    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
