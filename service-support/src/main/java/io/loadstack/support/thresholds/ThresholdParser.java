package io.loadstack.support.thresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads threshold expressions, {@code [METHOD NAME:] metric op number[unit]}: {@code p95 < 300ms},
 * {@code errors < 1%}, {@code rps > 100}, {@code GET /cart: p99 < 0.5s}. Both services use this one parser,
 * so that what the consumer accepts at register the api-service can always evaluate. The syntax is described
 * in api-service/README.md ("Verdicts").
 *
 * <p>An endpoint's name may itself hold colons (a URL): the condition follows the last one.
 */
public final class ThresholdParser {

    /** The most thresholds one run, test or launch may carry. */
    public static final int MAX_THRESHOLDS = 50;
    /** The longest expression. */
    public static final int MAX_LENGTH = 200;

    private ThresholdParser() {
    }

    /** @throws ThresholdSyntaxException pointing at the character where the expression goes wrong */
    public static Threshold parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ThresholdSyntaxException(1, "empty threshold; write e.g. 'p95 < 300ms'");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ThresholdSyntaxException(MAX_LENGTH + 1, "a threshold has at most " + MAX_LENGTH + " characters");
        }
        int colon = expression.lastIndexOf(':');
        String method = null;
        String name = null;
        if (colon >= 0) {
            String[] endpoint = endpoint(expression, colon);
            method = endpoint[0];
            name = endpoint[1];
        }
        Cursor cursor = new Cursor(expression, colon + 1);
        Metric metric = metric(cursor);
        Operator operator = operator(cursor);
        double number = number(cursor);
        double limit = number * unitFactor(cursor, metric);
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            throw cursor.error("unexpected '" + cursor.peek() + "' after the threshold");
        }
        return new Threshold(expression.strip(), method, name, metric, operator, limit);
    }

    /** Parses every expression; the first that fails names its place in the list, e.g. {@code thresholds[2]: at 7: ...}. */
    public static List<Threshold> parseAll(String field, List<String> expressions) {
        if (expressions == null) {
            return List.of();
        }
        if (expressions.size() > MAX_THRESHOLDS) {
            throw new InvalidThresholdsException(field + ": at most " + MAX_THRESHOLDS + " thresholds");
        }
        List<Threshold> parsed = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            try {
                parsed.add(parse(expressions.get(i)));
            } catch (ThresholdSyntaxException e) {
                throw new InvalidThresholdsException(field + "[" + i + "] '" + shorten(expressions.get(i)) + "': " + e.getMessage());
            }
        }
        return parsed;
    }

    /** {@code METHOD NAME} before the colon at {@code colon}: the method is the first word, the name the rest. */
    private static String[] endpoint(String expression, int colon) {
        Cursor cursor = new Cursor(expression, 0);
        cursor.skipSpaces();
        int methodStart = cursor.index;
        while (cursor.index < colon && !Character.isWhitespace(expression.charAt(cursor.index))) {
            cursor.index++;
        }
        String method = expression.substring(methodStart, cursor.index);
        if (method.isEmpty()) {
            throw cursor.error("expected an endpoint before ':', e.g. 'GET /cart: p95 < 300ms'");
        }
        if (method.length() > 16 || !method.chars().allMatch(c -> Character.isLetter(c) || c == '*' || c == '_' || c == '-')) {
            throw new ThresholdSyntaxException(methodStart + 1, "'" + shorten(method) + "' is not an HTTP method; write 'METHOD NAME: ...'");
        }
        cursor.skipSpaces();
        String name = expression.substring(cursor.index, colon).strip();
        if (name.isEmpty()) {
            throw cursor.error("expected the endpoint's name after '" + method + "', e.g. 'GET /cart: p95 < 300ms'");
        }
        return new String[] {method.toUpperCase(Locale.ROOT), name};
    }

    private static Metric metric(Cursor cursor) {
        cursor.skipSpaces();
        int start = cursor.index;
        while (!cursor.atEnd() && (Character.isLetterOrDigit(cursor.peek()) || cursor.peek() == '_')) {
            cursor.index++;
        }
        String word = cursor.text.substring(start, cursor.index);
        if (word.isEmpty()) {
            throw cursor.error("expected a metric (" + Metric.known() + ")");
        }
        return Metric.of(word).orElseThrow(() -> new ThresholdSyntaxException(start + 1,
                "unknown metric '" + shorten(word) + "' (known: " + Metric.known() + ")"));
    }

    private static Operator operator(Cursor cursor) {
        cursor.skipSpaces();
        for (String symbol : List.of("<=", ">=", "==", "<", ">")) {
            if (cursor.text.startsWith(symbol, cursor.index)) {
                cursor.index += symbol.length();
                for (Operator operator : Operator.values()) {
                    if (operator.symbol().equals(symbol)) {
                        return operator;
                    }
                }
            }
        }
        throw cursor.error("expected a comparison (<, <=, >, >=, ==)");
    }

    private static double number(Cursor cursor) {
        cursor.skipSpaces();
        int start = cursor.index;
        while (!cursor.atEnd() && Character.isDigit(cursor.peek())) {
            cursor.index++;
        }
        if (!cursor.atEnd() && cursor.peek() == '.') {
            cursor.index++;
            while (!cursor.atEnd() && Character.isDigit(cursor.peek())) {
                cursor.index++;
            }
        }
        String digits = cursor.text.substring(start, cursor.index);
        if (digits.isEmpty() || digits.equals(".")) {
            cursor.index = start;
            throw cursor.error("expected a number");
        }
        if (digits.length() > 15) {
            throw new ThresholdSyntaxException(start + 1, "the number has too many digits");
        }
        return Double.parseDouble(digits);
    }

    /** The unit after the number, as a factor to the metric's base unit. */
    private static double unitFactor(Cursor cursor, Metric metric) {
        cursor.skipSpaces();
        int start = cursor.index;
        while (!cursor.atEnd() && (Character.isLetter(cursor.peek()) || cursor.peek() == '%' || cursor.peek() == '/')) {
            cursor.index++;
        }
        String unit = cursor.text.substring(start, cursor.index).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return 1;
        }
        switch (metric.kind()) {
            case LATENCY -> {
                if (unit.equals("ms")) {
                    return 1;
                }
                if (unit.equals("s")) {
                    return 1000;
                }
            }
            case ERROR_RATE -> {
                if (unit.equals("%")) {
                    return 1;
                }
            }
            case THROUGHPUT -> {
                if (metric == Metric.RPS && (unit.equals("/s") || unit.equals("rps"))) {
                    return 1;
                }
            }
        }
        String allowed = switch (metric.kind()) {
            case LATENCY -> "ms or s";
            case ERROR_RATE -> "%";
            case THROUGHPUT -> metric == Metric.RPS ? "/s or none" : "none";
        };
        throw new ThresholdSyntaxException(start + 1, "unit '" + shorten(unit) + "' does not fit " + metric.wireName()
                + " (use " + allowed + ")");
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Where the parser is in the text; positions in messages count from 1. */
    private static final class Cursor {
        private final String text;
        private int index;

        Cursor(String text, int index) {
            this.text = text;
            this.index = index;
        }

        boolean atEnd() {
            return index >= text.length();
        }

        char peek() {
            return text.charAt(index);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                index++;
            }
        }

        ThresholdSyntaxException error(String problem) {
            return new ThresholdSyntaxException(index + 1, atEnd() ? problem + ", found the end" : problem);
        }
    }
}
