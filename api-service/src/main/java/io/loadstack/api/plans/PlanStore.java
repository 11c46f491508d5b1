package io.loadstack.api.plans;

import io.loadstack.api.storage.JdbcTransactions;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans in MySQL, plain JDBC: file contents go in and out in chunks, which an entity mapping would hold in
 * memory whole. Each public method is one transaction.
 */
@Singleton
class PlanStore {

    /** Far below any max_allowed_packet (MariaDB 16 MB, MySQL 64 MB by default). */
    static final int CHUNK_BYTES = 1024 * 1024;


    private final JdbcTransactions transactions;

    PlanStore(JdbcTransactions transactions) {
        this.transactions = transactions;
    }


    <T> T inTransaction(String what, JdbcTransactions.Work<T> work) {
        return transactions.inTransaction(what, work);
    }

    /** Stores a new plan with its first version; returns its id. */
    long insertPlan(Connection connection, Plan plan, List<UploadedFile> files) throws SQLException {
        long id;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO plans (name, generator, owner, created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, plan.name());
            insert.setString(2, plan.generator().name());
            insert.setString(3, plan.owner());
            insert.setTimestamp(4, Timestamp.from(plan.createdAt()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        insertVersion(connection, id, plan.latest(), files);
        return id;
    }

    /** Stores a version and whichever of its files' contents are not stored yet. */
    void insertVersion(Connection connection, long planId, PlanVersion version, List<UploadedFile> files) throws SQLException {
        for (UploadedFile file : files.stream().sorted(Comparator.comparing(UploadedFile::sha256)).toList()) {
            storeContent(connection, file);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO plan_versions (plan_id, version, uploaded_by, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, planId);
            insert.setInt(2, version.number());
            insert.setString(3, version.uploadedBy());
            insert.setTimestamp(4, Timestamp.from(version.createdAt()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO plan_version_files (plan_id, version, position, name, main, sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (PlanFile file : version.files()) {
                insert.setLong(1, planId);
                insert.setInt(2, version.number());
                insert.setInt(3, position++);
                insert.setString(4, file.name());
                insert.setBoolean(5, file.main());
                insert.setString(6, file.sha256());
                insert.setLong(7, file.size());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * INSERT IGNORE takes the content row's lock whether it inserts or not: a deletion collecting the same
     * content waits for this transaction, or this one waits for it and then stores the content anew.
     */
    private void storeContent(Connection connection, UploadedFile file) throws SQLException {
        int inserted;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT IGNORE INTO plan_file_contents (sha256, size, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, file.sha256());
            insert.setLong(2, file.size());
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            inserted = insert.executeUpdate();
        }
        if (inserted == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(file.content());
             PreparedStatement chunk = connection.prepareStatement("INSERT INTO plan_file_chunks (sha256, seq, content) VALUES (?, ?, ?)")) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int seq = 0;
            int read;
            do {
                read = in.readNBytes(buffer, 0, CHUNK_BYTES);
                if (read > 0 || seq == 0) {
                    chunk.setString(1, file.sha256());
                    chunk.setInt(2, seq++);
                    chunk.setBytes(3, Arrays.copyOf(buffer, read));
                    chunk.executeUpdate();
                }
            } while (read == CHUNK_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan with its versions, its row locked until the transaction ends when {@code forUpdate}. */
    Optional<Plan> find(Connection connection, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name, generator, owner, created_at FROM plans WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(plan(row, versions(connection, id)));
            }
        }
    }

    /** Every plan with all its versions, newest plan first. */
    List<Plan> all(Connection connection) throws SQLException {
        Map<Long, List<PlanVersion>> versions = new LinkedHashMap<>();
        Map<String, List<PlanFile>> files = files(connection, "");
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT plan_id, version, uploaded_by, created_at FROM plan_versions ORDER BY plan_id, version");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long planId = rows.getLong(1);
                versions.computeIfAbsent(planId, k -> new ArrayList<>()).add(version(rows, files.get(planId + "/" + rows.getInt(2))));
            }
        }
        List<Plan> plans = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name, generator, owner, created_at FROM plans ORDER BY id DESC");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                List<PlanVersion> of = versions.get(rows.getLong(1));
                if (of != null) {
                    plans.add(plan(rows, of));
                }
            }
        }
        return plans;
    }

    /**
     * Deletes the plan and its versions, then each of their contents that no version refers to any more. The
     * contents' rows are locked first, so an upload storing one of them waits and then stores it anew.
     */
    void delete(Connection connection, Plan plan) throws SQLException {
        Set<String> hashes = new TreeSet<>();
        plan.versions().forEach(v -> v.files().forEach(f -> hashes.add(f.sha256())));
        for (String hash : hashes) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT sha256 FROM plan_file_contents WHERE sha256 = ? FOR UPDATE")) {
                lock.setString(1, hash);
                lock.executeQuery().close();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM plans WHERE id = ?")) {
            delete.setLong(1, plan.id());
            delete.executeUpdate();
        }
        for (String hash : hashes) {
            boolean used;
            // A locking read sees what other transactions committed since this one began.
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM plan_version_files WHERE sha256 = ? LIMIT 1 LOCK IN SHARE MODE")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    used = row.next();
                }
            }
            if (!used) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM plan_file_contents WHERE sha256 = ?")) {
                    delete.setString(1, hash);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** How many chunks a content has, or -1 when it is not stored. */
    int chunkCount(String sha256) {
        return inTransaction("counting a file's chunks", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(ch.seq) FROM plan_file_contents c LEFT JOIN plan_file_chunks ch ON ch.sha256 = c.sha256 WHERE c.sha256 = ? GROUP BY c.sha256")) {
                query.setString(1, sha256);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getInt(1) : -1;
                }
            }
        });
    }

    /** A stored content's size and number of chunks, or empty when no content has that hash. */
    Optional<StoredContent> storedContent(String sha256) {
        return inTransaction("finding a file's content", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT c.size, c.created_at, COUNT(ch.seq) FROM plan_file_contents c LEFT JOIN plan_file_chunks ch ON ch.sha256 = c.sha256 WHERE c.sha256 = ? GROUP BY c.sha256, c.size, c.created_at")) {
                query.setString(1, sha256);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new StoredContent(row.getLong(1), row.getTimestamp(2).toInstant(), row.getInt(3))) : Optional.<StoredContent>empty();
                }
            }
        });
    }

    record StoredContent(long size, Instant storedAt, int chunks) {
    }

    byte[] chunk(String sha256, int seq) {
        return inTransaction("reading a file chunk", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT content FROM plan_file_chunks WHERE sha256 = ? AND seq = ?")) {
                query.setString(1, sha256);
                query.setInt(2, seq);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("chunk " + seq + " of content " + sha256 + " is missing");
                    }
                    return row.getBytes(1);
                }
            }
        });
    }

    private List<PlanVersion> versions(Connection connection, long planId) throws SQLException {
        Map<String, List<PlanFile>> files = files(connection, " WHERE plan_id = " + planId);
        List<PlanVersion> versions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT plan_id, version, uploaded_by, created_at FROM plan_versions WHERE plan_id = ? ORDER BY version")) {
            query.setLong(1, planId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(version(rows, files.get(planId + "/" + rows.getInt(2))));
                }
            }
        }
        return versions;
    }

    /** Files by "planId/version", in their order. {@code where} is built here from numbers only. */
    private Map<String, List<PlanFile>> files(Connection connection, String where) throws SQLException {
        Map<String, List<PlanFile>> files = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT plan_id, version, name, size, sha256, main FROM plan_version_files" + where + " ORDER BY plan_id, version, position");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                files.computeIfAbsent(rows.getLong(1) + "/" + rows.getInt(2), k -> new ArrayList<>())
                        .add(new PlanFile(rows.getString(3), rows.getLong(4), rows.getString(5), rows.getBoolean(6)));
            }
        }
        return files;
    }

    private static PlanVersion version(ResultSet row, List<PlanFile> files) throws SQLException {
        return new PlanVersion(row.getInt(2), row.getString(3), row.getTimestamp(4).toInstant(), files == null ? List.of() : List.copyOf(files));
    }

    private static Plan plan(ResultSet row, List<PlanVersion> versions) throws SQLException {
        return Plan.restore(row.getLong(1), row.getString(2), Generator.valueOf(row.getString(3)), row.getString(4),
                row.getTimestamp(5).toInstant(), versions);
    }
}
