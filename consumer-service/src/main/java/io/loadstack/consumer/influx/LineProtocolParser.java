package io.loadstack.consumer.influx;

import java.nio.charset.StandardCharsets;

/**
 * InfluxDB line protocol, parsed straight from the request's bytes with indexes:
 * {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}.
 *
 * <p>Follows the spec (docs.influxdata.com, "Line protocol"): backslash escapes of comma and space in
 * measurements, of comma, equals sign and space in tag keys, tag values and field keys; double-quoted
 * string fields with {@code \"} and {@code \\}; integers {@code 12i}, unsigned {@code 12u}, floats,
 * booleans {@code t T true True TRUE f F false False FALSE}; a timestamp at the request's precision, the
 * receive time when missing. As InfluxDB's own scanner does, a backslash always takes the next byte with
 * it while scanning and only unescapes the characters listed above, so JMeter's unescaped backslashes in
 * labels ({@code C:\temp}) survive as written.
 *
 * <p>Lenient where real clients are sloppy: NaN and ±Inf fields (which InfluxDB refuses) are skipped, a
 * line whose fields were all skipped is ignored, empty tag values are dropped, CRLF line ends accepted.
 *
 * <p>One instance per request (not thread-safe): it reuses one {@link Point} and its caches.
 */
public final class LineProtocolParser {

    public static final int MAX_LINE_BYTES = 64 * 1024;
    public static final int MAX_TAGS = 256;
    public static final int MAX_FIELDS = 256;
    private static final int MAX_QUOTED_LINE = 160;

    /** Receives each valid point; the point is reused after the call returns. */
    @FunctionalInterface
    public interface PointHandler {
        void point(Point point);
    }

    /** How a body went: valid points handled, lines refused, and InfluxDB's message for the first refusal. */
    public record Result(int points, int skipped, int errors, String firstError) {
        public boolean ok() {
            return errors == 0;
        }

        /** InfluxDB's wording: the first bad line, with the number of further ones. */
        public String errorMessage() {
            return errors <= 1 ? firstError : firstError + " (and " + (errors - 1) + " more bad lines)";
        }
    }

    private static final class LineError extends Exception {
        LineError(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Point point = new Point();
    private final StringCache names = new StringCache();
    private byte[] scratch = new byte[256];

    public Result parse(byte[] body, int length, Precision precision, long receivedNanos, PointHandler handler) {
        int points = 0;
        int skipped = 0;
        int errors = 0;
        String firstError = null;
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && body[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
            int from = skipSpaces(body, start, lineEnd);
            if (from < lineEnd && body[from] != '#') {
                try {
                    if (lineEnd - from > MAX_LINE_BYTES) {
                        throw new LineError("line too long: " + (lineEnd - from) + " bytes, at most " + MAX_LINE_BYTES);
                    }
                    if (parseLine(body, from, lineEnd, precision, receivedNanos)) {
                        handler.point(point);
                        points++;
                    } else {
                        skipped++;
                    }
                } catch (LineError e) {
                    if (errors++ == 0) {
                        firstError = "unable to parse '" + quote(body, from, lineEnd) + "': " + e.getMessage();
                    }
                }
            }
            start = end + 1;
        }
        return new Result(points, skipped, errors, firstError);
    }

    /** @return false when the line is valid but carries nothing usable (only NaN fields) */
    private boolean parseLine(byte[] b, int from, int end, Precision precision, long receivedNanos) throws LineError {
        point.reset();
        // measurement: up to an unescaped comma or space
        // Each token's scan also hashes it and notes a backslash, so that the common token (no escapes) is
        // looked up in the string cache without a second and third pass over its bytes. The four scans below
        // are written out on purpose: one shared scanToken method (with the hash and escape flag in fields)
        // cost more CPU per ingested point with C1 (bench/ingest-influx; BENCHMARKS.md).
        int i = from;
        int hash = 1;
        boolean escaped = false;
        while (i < end && b[i] != ',' && b[i] != ' ') {
            if (b[i] == '\\') {
                escaped = true;
                i += 2;
            } else {
                hash = 31 * hash + b[i++];
            }
        }
        i = Math.min(i, end);
        if (i == from) {
            throw new LineError("missing measurement");
        }
        point.measurement = token(b, from, i, escaped, hash, false);
        // tags
        while (i < end && b[i] == ',') {
            int keyStart = ++i;
            int keyHash = 1;
            boolean keyEscaped = false;
            while (i < end && b[i] != '=' && b[i] != ',' && b[i] != ' ') {
                if (b[i] == '\\') {
                    keyEscaped = true;
                    i += 2;
                } else {
                    keyHash = 31 * keyHash + b[i++];
                }
            }
            i = Math.min(i, end);
            if (i == keyStart) {
                throw new LineError("missing tag key");
            }
            if (i >= end || b[i] != '=') {
                throw new LineError("missing tag value");
            }
            int keyEnd = i;
            int valueStart = ++i;
            int valueHash = 1;
            boolean valueEscaped = false;
            while (i < end && b[i] != ',' && b[i] != ' ') {
                if (b[i] == '=') {
                    throw new LineError("invalid tag format");
                }
                if (b[i] == '\\') {
                    valueEscaped = true;
                    i += 2;
                } else {
                    valueHash = 31 * valueHash + b[i++];
                }
            }
            i = Math.min(i, end);
            if (point.tagCount >= MAX_TAGS) {
                throw new LineError("too many tags: at most " + MAX_TAGS);
            }
            if (i > valueStart) {
                point.addTag(token(b, keyStart, keyEnd, keyEscaped, keyHash, true),
                        token(b, valueStart, i, valueEscaped, valueHash, true));
            }
        }
        if (i >= end || b[i] != ' ') {
            throw new LineError("missing fields");
        }
        i = skipSpaces(b, i, end);
        if (i >= end) {
            throw new LineError("missing fields");
        }
        // fields
        int parsedFields = 0;
        while (true) {
            int keyStart = i;
            int keyHash = 1;
            boolean keyEscaped = false;
            while (i < end && b[i] != '=' && b[i] != ',' && b[i] != ' ') {
                if (b[i] == '\\') {
                    keyEscaped = true;
                    i += 2;
                } else {
                    keyHash = 31 * keyHash + b[i++];
                }
            }
            i = Math.min(i, end);
            if (i == keyStart) {
                throw new LineError("missing field key");
            }
            if (i >= end || b[i] != '=') {
                throw new LineError("missing field value");
            }
            String key = token(b, keyStart, i, keyEscaped, keyHash, true);
            i++;
            if (++parsedFields > MAX_FIELDS) {
                throw new LineError("too many fields: at most " + MAX_FIELDS);
            }
            if (i < end && b[i] == '"') {
                i = stringField(b, i + 1, end, key);
            } else {
                int valueStart = i;
                while (i < end && b[i] != ',' && b[i] != ' ') {
                    i++;
                }
                if (i == valueStart) {
                    throw new LineError("missing field value");
                }
                scalarField(b, valueStart, i, key);
            }
            if (i < end && b[i] == ',') {
                i++;
                continue;
            }
            break;
        }
        // timestamp
        i = skipSpaces(b, i, end);
        if (i < end) {
            int tsEnd = i;
            while (tsEnd < end && b[tsEnd] != ' ') {
                tsEnd++;
            }
            if (skipSpaces(b, tsEnd, end) != end) {
                throw new LineError("bad timestamp");
            }
            long value = parseLong(b, i, tsEnd, "bad timestamp");
            long nanos = value * precision.nanos;
            if (precision.nanos != 1 && (value != 0 && nanos / precision.nanos != value)) {
                throw new LineError("bad timestamp: out of range");
            }
            point.timeNanos = nanos;
        } else {
            point.timeNanos = receivedNanos;
        }
        return point.fieldCount > 0;
    }

    private int stringField(byte[] b, int i, int end, String key) throws LineError {
        int valueStart = i;
        boolean escaped = false;
        while (i < end && b[i] != '"') {
            if (b[i] == '\\') {
                escaped = true;
                i++;
            }
            i++;
        }
        if (i >= end) {
            throw new LineError("unbalanced quotes");
        }
        String value;
        if (!escaped) {
            // k6's url field repeats on every line: short strings come from the cache
            value = names.get(b, valueStart, i);
        } else {
            int n = 0;
            byte[] out = scratch(i - valueStart);
            for (int j = valueStart; j < i; j++) {
                if (b[j] == '\\' && j + 1 < i && (b[j + 1] == '"' || b[j + 1] == '\\')) {
                    j++;
                }
                out[n++] = b[j];
            }
            value = new String(out, 0, n, StandardCharsets.UTF_8);
        }
        point.addField(key, Point.STRING, Double.NaN, value);
        i++;
        if (i < end && b[i] != ',' && b[i] != ' ') {
            throw new LineError("invalid field format");
        }
        return i;
    }

    private void scalarField(byte[] b, int from, int to, String key) throws LineError {
        byte last = b[to - 1];
        int length = to - from;
        byte first = b[from];
        if (first == 't' || first == 'T' || first == 'f' || first == 'F') {
            Boolean value = bool(b, from, to);
            if (value == null) {
                throw new LineError("invalid boolean");
            }
            point.addField(key, Point.BOOLEAN, value ? 1 : 0, null);
            return;
        }
        if (last == 'i' || last == 'u') {
            if (length == 1) {
                throw new LineError("invalid number");
            }
            long value = parseLong(b, from, to - 1, "invalid integer");
            if (last == 'u' && value < 0) {
                throw new LineError("invalid unsigned integer: negative");
            }
            point.addField(key, last == 'i' ? Point.INTEGER : Point.UNSIGNED, value, null);
            return;
        }
        double value = parseDouble(b, from, to);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return; // InfluxDB has no NaN or Inf; clients that send them lose that field, not the line
        }
        point.addField(key, Point.FLOAT, value, null);
    }

    private static Boolean bool(byte[] b, int from, int to) {
        int length = to - from;
        if (length == 1) {
            return b[from] == 't' || b[from] == 'T';
        }
        String text = new String(b, from, length, StandardCharsets.US_ASCII);
        return switch (text) {
            case "true", "True", "TRUE" -> Boolean.TRUE;
            case "false", "False", "FALSE" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static long parseLong(byte[] b, int from, int to, String reason) throws LineError {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i >= to) {
            throw new LineError(reason);
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new LineError(reason);
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new LineError(reason + ": out of range");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Decimal numbers as clients write them ({@code 12}, {@code -3.25}, {@code 1.5e3}) without a String:
     * up to 15 significant digits and a power of ten up to 22 the result is exactly what
     * Double.parseDouble gives (one correctly rounded operation); anything else falls back to it.
     * NaN/Inf come back as such for the caller to skip.
     */
    static double parseDouble(byte[] b, int from, int to) throws LineError {
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean any = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            if (mantissa != 0 || b[i] != '0') {
                digits++;
            }
            mantissa = digits <= 18 ? mantissa * 10 + (b[i] - '0') : mantissa;
            exponent += digits > 18 ? 1 : 0;
            i++;
            any = true;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (mantissa != 0 || b[i] != '0') {
                    digits++;
                }
                if (digits <= 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    exponent--;
                }
                i++;
                any = true;
            }
        }
        if (!any) {
            return special(b, from, to);
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                e = Math.min(100_000, e * 10 + (b[i] - '0'));
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                throw new LineError("invalid number");
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            throw new LineError("invalid number");
        }
        double value;
        if (digits <= 15 && Math.abs(exponent) <= 22) {
            value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        } else {
            value = Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        return negative ? -value : value;
    }

    private static double special(byte[] b, int from, int to) throws LineError {
        String text = new String(b, from, to - from, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new LineError("invalid number");
        };
    }

    /** A scanned token as a String: from the cache by the scan's hash, or unescaped when it had a backslash. */
    private String token(byte[] b, int from, int to, boolean escaped, int hash, boolean equalsEscapes) {
        return escaped ? unescape(b, from, to, equalsEscapes) : names.get(b, from, to, hash);
    }

    /** Removes the backslash of {@code \,} {@code \ } (and {@code \=} in tags and field keys); keeps any other. */
    private String unescape(byte[] b, int from, int to, boolean equalsEscapes) {
        byte[] out = scratch(to - from);
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 1 < to) {
                byte next = b[i + 1];
                if (next == ',' || next == ' ' || (equalsEscapes && next == '=')) {
                    out[n++] = next;
                    i++;
                    continue;
                }
            }
            out[n++] = b[i];
        }
        return names.get(out, 0, n);
    }

    private byte[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        return scratch;
    }

    private static int skipSpaces(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The offending line for the error message: cut short, control bytes shown as '?'. */
    private static String quote(byte[] b, int from, int to) {
        int cut = Math.min(to, from + MAX_QUOTED_LINE);
        String text = new String(b, from, cut - from, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length() + 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '\uFFFD' ? '?' : c);
        }
        if (cut < to) {
            out.append("...");
        }
        return out.toString();
    }
}
