package io.loadstack.consumer.graphite;

import java.util.ArrayList;
import java.util.List;

/**
 * One Graphite plaintext line, {@code <dotted.path> <value> <epoch seconds>}, split into its path elements.
 * {@link #parse} answers why a line is refused instead of throwing: a bad line is counted and skipped.
 */
record GraphiteLine(List<String> path, double value, long epochSeconds) {

    /** Gatling's deepest path (groups within groups) stays far below this. */
    static final int MAX_ELEMENTS = 32;

    sealed interface Parsed permits Ok, Refused {
    }

    record Ok(GraphiteLine line) implements Parsed {
    }

    record Refused(String reason) implements Parsed {
    }

    static Parsed parse(String text, long nowSeconds) {
        String[] fields = text.trim().split("[ \t]+");
        if (fields.length != 3 || fields[0].isEmpty()) {
            return new Refused("unparsable");
        }
        List<String> path = new ArrayList<>();
        int from = 0;
        String dotted = fields[0];
        while (true) {
            int dot = dotted.indexOf('.', from);
            String element = dot < 0 ? dotted.substring(from) : dotted.substring(from, dot);
            if (element.isEmpty() || path.size() == MAX_ELEMENTS) {
                return new Refused("unparsable");
            }
            path.add(element);
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        double value;
        long epoch;
        try {
            value = Double.parseDouble(fields[1]);
            // carbon takes -1 (and Graphite clients send it) for "now"
            epoch = fields[2].equals("-1") ? nowSeconds : (long) Double.parseDouble(fields[2]);
        } catch (NumberFormatException e) {
            return new Refused("unparsable");
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || epoch <= 0) {
            return new Refused("absurd");
        }
        return new Ok(new GraphiteLine(List.copyOf(path), value, epoch));
    }
}
