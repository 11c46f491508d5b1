package io.loadstack.consumer.imports;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the binary {@code simulation.log} that Gatling 3.13 and later write (the format of Gatling's own
 * {@code LogFileDataWriter}; unchanged from 3.13.0 to 3.15): a run record, then user, request, group and error
 * records, big-endian, strings as length, bytes and Java's internal coder, repeated strings as cache indexes.
 *
 * <p>Written here rather than taken from Gatling: Gatling's reader (gatling-charts' LogFileReader) reads only
 * logs of its own exact version and would bring Scala, Pekko and a second Netty into the consumer. Every
 * length and count is checked, so a hostile file ends in {@link Unreadable}, never in a huge allocation.
 */
final class GatlingSimulationLog {

    static final byte RUN = 0;
    static final byte REQUEST = 1;
    static final byte USER = 2;
    static final byte GROUP = 3;
    static final byte ERROR = 4;
    private static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_CACHED_STRINGS = 1_000_000;
    private static final int MAX_GROUP_DEPTH = 64;
    private static final int MAX_SCENARIOS = 10_000;

    /** The run record. */
    record Header(String gatlingVersion, String simulationClass, long startMillis, String description, List<String> scenarios) {
    }

    /** What the log holds, record by record; times are epoch milliseconds. */
    interface Records {
        void header(Header header) throws Unreadable;

        void user(int scenario, boolean start, long at);

        void request(List<String> groups, String name, long start, long end, boolean ok, String message) throws Unreadable;
    }

    /** The bytes are not a simulation.log this reader knows: the message says why, for the uploader. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final DataInputStream in;
    private final Map<Integer, String> cache = new HashMap<>();

    private GatlingSimulationLog(InputStream in) {
        this.in = new DataInputStream(in);
    }

    static void read(InputStream in, Records records) throws IOException, Unreadable {
        new GatlingSimulationLog(in).readAll(records);
    }

    private void readAll(Records records) throws IOException, Unreadable {
        int first = in.read();
        if (first != RUN) {
            throw new Unreadable("not a Gatling simulation.log: it starts neither with a binary run record (Gatling 3.13 and later) nor with RUN (before)");
        }
        long start;
        try {
            String version = readString();
            if (!isBinaryLogVersion(version)) {
                throw new Unreadable("a binary simulation.log of Gatling '" + shorten(version) + "': binary logs are read from Gatling 3.13 on");
            }
            String simulation = readString();
            start = in.readLong();
            String description = readString();
            int scenarioCount = count(in.readInt(), MAX_SCENARIOS, "scenarios");
            List<String> scenarios = new ArrayList<>(scenarioCount);
            for (int i = 0; i < scenarioCount; i++) {
                scenarios.add(readString());
            }
            int assertions = count(in.readInt(), MAX_SCENARIOS, "assertions");
            for (int i = 0; i < assertions; i++) {
                in.skipNBytes(count(in.readInt(), MAX_STRING_BYTES, "assertion bytes"));
            }
            records.header(new Header(version, simulation, start, description, scenarios));
        } catch (EOFException e) {
            throw new Unreadable("the simulation.log ends inside its run record");
        }
        while (true) {
            int type = in.read();
            if (type < 0) {
                return;
            }
            try {
                switch (type) {
                    case USER -> {
                        int scenario = in.readInt();
                        boolean begins = in.readBoolean();
                        records.user(scenario, begins, start + in.readInt());
                    }
                    case REQUEST -> {
                        List<String> groups = readGroups();
                        String name = readCachedString();
                        long begin = start + in.readInt();
                        long end = start + in.readInt();
                        boolean ok = in.readBoolean();
                        records.request(groups, name, begin, end, ok, readCachedString());
                    }
                    case GROUP -> {
                        readGroups();
                        in.skipNBytes(3L * Integer.BYTES + 1);
                    }
                    case ERROR -> {
                        readCachedString();
                        in.readInt();
                    }
                    default -> throw new Unreadable("unknown record type " + type + " in the simulation.log");
                }
            } catch (EOFException e) {
                // As Gatling's own reader: a log cut short (a killed run) yields what it holds.
                return;
            }
        }
    }

    /** 3.13 and later: "3.13.5", "3.14.0-M1", "3.15.1"... and any 4.x. */
    static boolean isBinaryLogVersion(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 3 || major == 3 && minor >= 13;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<String> readGroups() throws IOException, Unreadable {
        int depth = count(in.readInt(), MAX_GROUP_DEPTH, "group levels");
        if (depth == 0) {
            return List.of();
        }
        List<String> groups = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            groups.add(readCachedString());
        }
        return groups;
    }

    private String readCachedString() throws IOException, Unreadable {
        int index = in.readInt();
        if (index >= 0) {
            String value = sanitize(readString());
            if (cache.size() >= MAX_CACHED_STRINGS && !cache.containsKey(index)) {
                throw new Unreadable("the simulation.log holds more than " + MAX_CACHED_STRINGS + " distinct names and messages");
            }
            cache.put(index, value);
            return value;
        }
        String cached = cache.get(-index);
        if (cached == null) {
            throw new Unreadable("the simulation.log refers to a string it never wrote (index " + (-index) + ")");
        }
        return cached;
    }

    /** Java's own string layout: LATIN1 (coder 0) or UTF-16 in the writer's byte order (coder 1, little-endian on x86 and ARM). */
    private String readString() throws IOException, Unreadable {
        int length = count(in.readInt(), MAX_STRING_BYTES, "string bytes");
        if (length == 0) {
            return "";
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        int coder = in.readByte();
        return switch (coder) {
            case 0 -> new String(bytes, StandardCharsets.ISO_8859_1);
            case 1 -> new String(bytes, StandardCharsets.UTF_16LE);
            default -> throw new Unreadable("unknown string coder " + coder + " in the simulation.log");
        };
    }

    private static int count(int value, int max, String what) throws Unreadable {
        if (value < 0 || value > max) {
            throw new Unreadable("the simulation.log claims " + value + " " + what + " (at most " + max + ")");
        }
        return value;
    }

    /** As Gatling's reader: line breaks and tabs in names and messages become spaces. */
    private static String sanitize(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0 ? text
                : text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
