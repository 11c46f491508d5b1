package io.loadstack.consumer.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text {@code simulation.log} that Gatling 3.0 to 3.12 write: one record a line, tab-separated,
 * as Gatling's own LogFileDataWriter of those versions writes them:
 * <pre>
 * RUN      class  simulationId  start  description|" "  version
 * USER     scenario  START|END  timestamp
 * REQUEST  group,group|""  name  start  end  OK|KO  message|" "
 * GROUP, ASSERTION, ERROR  (not needed for a run)
 * </pre>
 * Lines are bounded; a line that is not one of these ends the import with {@link GatlingSimulationLog.Unreadable}.
 */
final class GatlingTextLog {

    static final byte[] MAGIC = "RUN\t".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 1 << 20;

    private GatlingTextLog() {
    }

    static void read(InputStream in, GatlingSimulationLog.Records records) throws IOException, GatlingSimulationLog.Unreadable {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int number = 0;
        boolean headerSeen = false;
        int b;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                b = buffer[i];
                if (b == '\n') {
                    headerSeen = line(line.toString(StandardCharsets.UTF_8), ++number, headerSeen, records);
                    line.reset();
                } else {
                    if (line.size() >= MAX_LINE) {
                        throw new GatlingSimulationLog.Unreadable("line " + (number + 1) + " of the simulation.log is longer than " + MAX_LINE + " bytes");
                    }
                    line.write(b);
                }
            }
        }
        if (line.size() > 0) {
            // a last line without its newline: a run that was killed while writing it
            try {
                line(line.toString(StandardCharsets.UTF_8), ++number, headerSeen, records);
            } catch (GatlingSimulationLog.Unreadable e) {
                // as Gatling's reader: what the log holds up to the cut
            }
        }
    }

    private static boolean line(String text, int number, boolean headerSeen, GatlingSimulationLog.Records records)
            throws GatlingSimulationLog.Unreadable {
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return headerSeen;
        }
        String[] fields = text.split("\t", -1);
        try {
            switch (fields[0]) {
                case "RUN" -> {
                    need(fields, 6, number);
                    if (headerSeen) {
                        throw new GatlingSimulationLog.Unreadable("line " + number + ": a second RUN record");
                    }
                    records.header(new GatlingSimulationLog.Header(fields[5], fields[1], Long.parseLong(fields[3]),
                            fields[4].isBlank() ? "" : fields[4], List.of()));
                    return true;
                }
                case "USER" -> {
                    need(fields, 4, number);
                    requireHeader(headerSeen, number);
                    records.user(0, fields[2].equals("START"), Long.parseLong(fields[3]));
                }
                case "REQUEST" -> {
                    need(fields, 7, number);
                    requireHeader(headerSeen, number);
                    List<String> groups = fields[1].isEmpty() ? List.of() : Arrays.asList(fields[1].split(","));
                    records.request(groups, fields[2], Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                            fields[5].equals("OK"), fields[6].isBlank() ? "" : fields[6]);
                }
                case "GROUP", "ASSERTION", "ERROR" -> requireHeader(headerSeen, number);
                default -> throw new GatlingSimulationLog.Unreadable("line " + number + " of the simulation.log is not a Gatling record");
            }
        } catch (NumberFormatException e) {
            throw new GatlingSimulationLog.Unreadable("line " + number + " of the simulation.log has a time that is not a number");
        }
        return headerSeen;
    }

    private static void need(String[] fields, int count, int number) throws GatlingSimulationLog.Unreadable {
        if (fields.length < count) {
            throw new GatlingSimulationLog.Unreadable("line " + number + " of the simulation.log has " + fields.length
                    + " fields, a " + fields[0] + " record " + count);
        }
    }

    private static void requireHeader(boolean headerSeen, int number) throws GatlingSimulationLog.Unreadable {
        if (!headerSeen) {
            throw new GatlingSimulationLog.Unreadable("line " + number + ": the simulation.log does not start with its RUN record");
        }
    }
}
