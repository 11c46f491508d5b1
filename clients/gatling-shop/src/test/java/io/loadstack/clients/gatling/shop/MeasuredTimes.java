package io.loadstack.clients.gatling.shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The response times {@link ShopSimulation} wrote, per request name: the tests' exact reference. */
public final class MeasuredTimes {

    private MeasuredTimes() {
    }

    /** @return the times in ms by request name, from the file the simulation wrote (name, tab, comma-separated ms) */
    public static Map<String, List<Long>> read(Path file) throws IOException {
        Map<String, List<Long>> times = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t");
                times.put(parts[0], Stream.of(parts[1].split(",")).map(Long::parseLong).toList());
            }
        }
        return times;
    }

    /** The exact percentile: the smallest value with at least {@code percentile} % of the values at or below it. */
    public static double nearestRank(List<Long> values, double percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
