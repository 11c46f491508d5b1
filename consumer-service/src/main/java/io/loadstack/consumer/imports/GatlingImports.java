package io.loadstack.consumer.imports;

import io.loadstack.consumer.ingest.Ingestion;
import io.loadstack.consumer.ingest.RunsUnavailableException;
import io.loadstack.consumer.runs.Outcome;
import io.loadstack.consumer.runs.RunEvent;
import io.loadstack.consumer.runs.RunRecorder;
import io.loadstack.consumer.writer.RunStore;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Imports a finished Gatling run: its {@code simulation.log} (binary since Gatling 3.13, text before) as uploaded, or the results folder zipped (the
 * first {@code simulation.log} in it). Every request is in the log, so the run gets exact counts, exact
 * percentiles and its own time series. What a zip inflates to, entries before the log included, is bounded.
 */
@Singleton
public class GatlingImports {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** What the uploader is told. */
    public record Result(String uuid, String name, long requests, long failures) {
    }

    private final Ingestion ingestion;
    private final RunRecorder recorder;
    private final RunStore store;
    private final ImportSettings settings;

    public GatlingImports(Ingestion ingestion, RunRecorder recorder, RunStore store, ImportSettings settings) {
        this.ingestion = ingestion;
        this.recorder = recorder;
        this.store = store;
        this.settings = settings;
    }

    public Result importRun(byte[] upload, long ownerId) {
        if (upload == null || upload.length == 0) {
            throw new ImportRefusedException("the body is empty: upload a Gatling simulation.log or its results folder as a zip");
        }
        GatlingRunBuilder builder = new GatlingRunBuilder();
        MessageDigest sha256 = sha256();
        Budget budget = new Budget(settings.maxLogBytes());
        try {
            if (startsWith(upload, ZIP_MAGIC)) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(upload), StandardCharsets.UTF_8)) {
                    readLogInZip(zip, budget, sha256, builder);
                }
            } else {
                readLog(new DigestInputStream(budget.wrap(new ByteArrayInputStream(upload)), sha256), builder);
            }
        } catch (GatlingSimulationLog.Unreadable e) {
            throw new ImportRefusedException(e.getMessage());
        } catch (ZipException e) {
            throw new ImportRefusedException("the zip cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new ImportRefusedException("the upload cannot be read: " + e.getMessage());
        }
        String uuid = UUID.nameUUIDFromBytes(("gatling-import|" + ownerId + "|" + HexFormat.of().formatHex(sha256.digest()))
                .getBytes(StandardCharsets.UTF_8)).toString();
        if (exists(uuid)) {
            throw new AlreadyImportedException(uuid);
        }
        RunEvent.Imported run = builder.build(uuid, ownerId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        if (run == null) {
            throw new ImportRefusedException("the simulation.log holds no request");
        }
        if (ingestion.submit(run) == Outcome.DUPLICATE) {
            throw new AlreadyImportedException(uuid);
        }
        ingestion.awaitWrite();
        long requests = 0;
        long failures = 0;
        for (RunEvent.ImportedInterval interval : run.intervals()) {
            for (RunEvent.EndpointDelta endpoint : interval.endpoints()) {
                requests += endpoint.requests();
                failures += endpoint.failures();
            }
        }
        return new Result(uuid, run.name(), requests, failures);
    }

    private void readLogInZip(ZipInputStream zip, Budget budget, MessageDigest sha256, GatlingRunBuilder builder)
            throws IOException, GatlingSimulationLog.Unreadable {
        int entries = 0;
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (++entries > settings.maxZipEntries()) {
                throw new ImportTooLargeException("the zip has more than " + settings.maxZipEntries() + " entries");
            }
            String name = entry.getName();
            InputStream bounded = budget.wrap(zip);
            if (!entry.isDirectory() && (name.equals("simulation.log") || name.endsWith("/simulation.log"))) {
                readLog(new DigestInputStream(bounded, sha256), builder);
                return;
            }
            // what comes before the log inflates too: it counts against the same budget
            bounded.transferTo(OutputStreamToNowhere.INSTANCE);
        }
        throw new ImportRefusedException("the zip holds no simulation.log: zip Gatling's results folder of the run");
    }

    /** The binary log (Gatling 3.13 and later) starts with the byte 0, the text one (3.0 to 3.12) with "RUN\t". */
    private static void readLog(InputStream log, GatlingRunBuilder builder) throws IOException, GatlingSimulationLog.Unreadable {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(log, GatlingTextLog.MAGIC.length);
        byte[] start = in.readNBytes(GatlingTextLog.MAGIC.length);
        in.unread(start);
        if (java.util.Arrays.equals(start, GatlingTextLog.MAGIC)) {
            GatlingTextLog.read(in, builder);
        } else {
            GatlingSimulationLog.read(in, builder);
        }
    }

    private boolean exists(String uuid) {
        if (recorder.find(uuid).isPresent()) {
            return true;
        }
        try {
            return store.findRun(uuid).isPresent();
        } catch (SQLException e) {
            throw new RunsUnavailableException("cannot tell whether this log was imported before: MySQL is unreachable", e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Inflated bytes one import may read in all; beyond, {@link ImportTooLargeException}. */
    private static final class Budget {
        private final long max;
        private long used;

        Budget(long max) {
            this.max = max;
        }

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        spend(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        spend(n);
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(n);
                    spend(skipped);
                    return skipped;
                }

                @Override
                public void close() {
                    // the zip stays open for its next entry
                }
            };
        }

        private void spend(long bytes) {
            used += bytes;
            if (used > max) {
                throw new ImportTooLargeException("the upload inflates to more than " + max + " bytes");
            }
        }
    }

    /** Drains what is read past. */
    private static final class OutputStreamToNowhere extends java.io.OutputStream {
        static final OutputStreamToNowhere INSTANCE = new OutputStreamToNowhere();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
