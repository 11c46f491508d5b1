package io.loadstack.api.launches;

import io.loadstack.api.plans.Generator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.loadstack.api.storage.JdbcTransactions;
import io.loadstack.api.storage.SqlTime;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Launches in MySQL, plain JDBC. A change is read-decide-write under the launch row's lock
 * ({@link #change}); the timers pick their launches with {@code SKIP LOCKED}, so replicas share the work
 * and never wait for each other. The lock order is always the launch row, then its agents' rows.
 */
@Singleton
class LaunchStore {

    /** At most this many log lines are kept per agent, the newest. */
    static final int LOG_LINES = 50;

    /** The timers' conditions, re-checked under the lock: another replica may have acted since the pick. */
    static final String READINESS_DUE = "status IN ('PENDING', 'PREPARING') AND readiness_deadline <= ?";
    static final String ACTIVE = "status NOT IN ('COMPLETED', 'STOPPED', 'FAILED')";
    static final String COMMIT_DUE = "run_committed_at IS NULL AND start_at IS NOT NULL AND status IN ('COMPLETED', 'STOPPED', 'FAILED')";

    private static final String ACTIVE_AGENT = "('ASSIGNED', 'PREPARING', 'READY', 'RUNNING')";
    private static final String COLUMNS = "id, run_uuid, created_by, created_by_name, plan_id, plan_version, plan_name, generator,"
            + " files, request, policy, shortfalls, status, reason, created_at, start_at, ended_at, version, token_salt,"
            + " ingest_token_id, run_committed_at";
    private static final String AGENT_COLUMNS = "launch_id, agent_name, region, users, ramp_up_seconds, spawn_rate, status,"
            + " reason, ready_message, started_with, first_request_at, requests, failures, ended_at, log";

    private final JdbcTransactions transactions;
    private final JsonMapper json;
    private final LaunchNotices notices;

    LaunchStore(JdbcTransactions transactions, JsonMapper json, LaunchNotices notices) {
        this.transactions = transactions;
        this.json = json;
        this.notices = notices;
    }


    /** What a change does with the launch it locked; it may write more (a log, a token) on the same connection. */
    interface Change<T> {
        T apply(StoredLaunch launch, Connection connection) throws SQLException;
    }

    /** How the request and the policy are kept (JSON columns). */
    @Serdeable
    record RequestJson(Map<String, Integer> regions, int users, int rampUpSeconds, int durationSeconds, String targetHost,
                       Map<String, String> properties, @Nullable List<String> thresholds,
                       @Nullable Integer abortOnFailAfterSeconds, @Nullable String provision) {
    }

    @Serdeable
    record PolicyJson(long readinessTimeoutMs, double quorum, long startBufferMs, double minHealthy) {
    }

    @Serdeable
    record ShortfallJson(String region, int asked, int online) {
    }

    <T> T inTransaction(String what, JdbcTransactions.Work<T> work) {
        return transactions.inTransaction(what, work);
    }

    /**
     * Locks the launch's row (waiting for another change to end), lets {@code change} decide, then saves the
     * launch if it changed, all in one transaction. Empty when there is no such launch.
     */
    <T> Optional<T> change(String what, long id, Change<T> change) {
        AtomicReference<StoredLaunch> changed = new AtomicReference<>();
        Optional<T> result = inTransaction(what, connection -> {
            Optional<StoredLaunch> locked = load(connection, "id = ?", List.of(id), " FOR UPDATE").stream().findFirst();
            locked.ifPresent(changed::set);
            return locked.isEmpty() ? Optional.<T>empty() : Optional.ofNullable(applyAndSave(connection, locked.get(), change));
        });
        afterCommit(changed.get());
        return result;
    }

    /**
     * As {@link #change}, for the timers: the launch is taken only if {@code due} still holds and no one else
     * holds its row ({@code SKIP LOCKED}); empty otherwise.
     */
    <T> Optional<T> changeIfDue(String what, long id, String due, List<Object> dueParameters, Change<T> change) {
        AtomicReference<StoredLaunch> changed = new AtomicReference<>();
        Optional<T> result = inTransaction(what, connection -> {
            List<Object> parameters = new ArrayList<>();
            parameters.add(id);
            parameters.addAll(dueParameters);
            Optional<StoredLaunch> locked = load(connection, "id = ? AND " + due, parameters, " FOR UPDATE SKIP LOCKED")
                    .stream().findFirst();
            locked.ifPresent(changed::set);
            return locked.isEmpty() ? Optional.<T>empty() : Optional.ofNullable(applyAndSave(connection, locked.get(), change));
        });
        afterCommit(changed.get());
        return result;
    }

    /** What the committed change tells others (notifications); the launch as the last attempt left it. */
    private void afterCommit(StoredLaunch changed) {
        if (changed != null) {
            notices.committed(changed);
        }
    }

    private <T> T applyAndSave(Connection connection, StoredLaunch stored, Change<T> change) throws SQLException {
        long before = stored.launch().version();
        T result = change.apply(stored, connection);
        if (stored.launch().version() != before) {
            save(connection, stored);
        }
        return result;
    }

    /** Inserts a launch's row before the launch is opened (the aggregate needs its id); returns the id. */
    long insert(Connection connection, String runUuid, LaunchRequest request, int planVersion, LaunchPolicy policy,
                List<LaunchPlan.Shortfall> shortfalls, Long createdBy, String createdByName, String planName,
                Generator generator, List<LaunchFile> files, String tokenSalt, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO launches (run_uuid, created_by, created_by_name,"
                + " plan_id, plan_version, plan_name, generator, files, request, policy, shortfalls, status, created_at,"
                + " readiness_deadline, version, token_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, runUuid);
            setLong(insert, 2, createdBy);
            insert.setString(3, createdByName);
            insert.setLong(4, request.planId());
            insert.setInt(5, planVersion);
            insert.setString(6, planName);
            insert.setString(7, generator.name());
            insert.setString(8, write(files));
            insert.setString(9, write(new RequestJson(request.regions(), request.users(), request.rampUpSeconds(),
                    request.durationSeconds(), request.targetHost(), request.properties(), request.thresholds(),
                    request.abortOnFailAfterSeconds(),
                    request.provision() == null ? null : request.provision().wireName())));
            insert.setString(10, write(new PolicyJson(policy.readinessTimeout().toMillis(), policy.quorum(),
                    policy.startBuffer().toMillis(), policy.minHealthy())));
            insert.setString(11, write(shortfalls.stream().map(s -> new ShortfallJson(s.region(), s.asked(), s.online())).toList()));
            insert.setString(12, LaunchStatus.PENDING.name());
            insert.setString(13, asText(now));
            insert.setString(14, asText(now.plus(policy.readinessTimeout())));
            insert.setString(15, tokenSalt);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The agents' rows of a launch just opened. */
    void insertAgents(Connection connection, Launch launch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO launch_agents (" + AGENT_COLUMNS
                + ", position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)")) {
            int position = 0;
            for (LaunchAgent agent : launch.agents()) {
                insert.setLong(1, launch.id());
                insert.setString(2, agent.name());
                insert.setString(3, agent.region());
                insert.setInt(4, agent.users());
                insert.setInt(5, agent.rampUpSeconds());
                insert.setDouble(6, agent.spawnRatePerSecond());
                setAgentState(insert, 7, agent);
                insert.setInt(15, position++);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void setIngestToken(Connection connection, long launchId, long tokenId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE launches SET ingest_token_id = ? WHERE id = ?")) {
            update.setLong(1, tokenId);
            update.setLong(2, launchId);
            update.executeUpdate();
        }
    }

    /**
     * Writes what the aggregate may have changed. A launch that ended without a start has no run to commit:
     * its ingest token is revoked at once (one that started keeps it until its run is committed).
     */
    private void save(Connection connection, StoredLaunch stored) throws SQLException {
        Launch launch = stored.launch();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE launches SET status = ?, reason = ?, start_at = ?, ended_at = ?, version = ? WHERE id = ?")) {
            update.setString(1, launch.status().name());
            update.setString(2, launch.reason());
            setTime(update, 3, launch.startAt());
            setTime(update, 4, launch.endedAt());
            update.setLong(5, launch.version());
            update.setLong(6, launch.id());
            update.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE launch_agents SET status = ?, reason = ?,"
                + " ready_message = ?, started_with = ?, first_request_at = ?, requests = ?, failures = ?, ended_at = ?"
                + " WHERE launch_id = ? AND agent_name = ?")) {
            for (LaunchAgent agent : launch.agents()) {
                setAgentState(update, 1, agent);
                update.setLong(9, launch.id());
                update.setString(10, agent.name());
                update.addBatch();
            }
            update.executeBatch();
        }
        if (launch.status().isEnded() && !launch.isRunCommitDue() && stored.ingestTokenId() != null) {
            revokeIngestToken(connection, stored.ingestTokenId(), launch.endedAt());
        }
    }

    private static void setAgentState(PreparedStatement statement, int first, LaunchAgent agent) throws SQLException {
        statement.setString(first, agent.status().name());
        statement.setString(first + 1, agent.reason());
        statement.setString(first + 2, agent.readyMessage());
        statement.setBoolean(first + 3, agent.startedWith());
        setTime(statement, first + 4, agent.firstRequestAt());
        statement.setLong(first + 5, agent.requests());
        statement.setLong(first + 6, agent.failures());
        setTime(statement, first + 7, agent.endedAt());
    }

    /** Appends an agent's new log lines, keeping the last {@value #LOG_LINES}. Under the launch's lock. */
    void appendLog(Connection connection, StoredLaunch stored, String agent, List<String> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        List<String> log = new ArrayList<>(stored.log(agent));
        log.addAll(lines);
        List<String> kept = log.subList(Math.max(0, log.size() - LOG_LINES), log.size());
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE launch_agents SET log = ? WHERE launch_id = ? AND agent_name = ?")) {
            update.setString(1, write(kept));
            update.setLong(2, stored.launch().id());
            update.setString(3, agent);
            update.executeUpdate();
        }
    }

    Optional<StoredLaunch> find(Connection connection, long id) throws SQLException {
        return load(connection, "id = ?", List.of(id), "").stream().findFirst();
    }

    /** The launch that chose this run, if one did. */
    Optional<StoredLaunch> findByRun(Connection connection, String runUuid) throws SQLException {
        return load(connection, "run_uuid = ?", List.of(runUuid), "").stream().findFirst();
    }

    /** A page of launches, newest first. */
    List<StoredLaunch> page(Connection connection, int page, int size) throws SQLException {
        return load(connection, "1 = 1 ORDER BY id DESC LIMIT ? OFFSET ?", List.of(size, (long) page * size), "");
    }

    long count(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM launches");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The launches this agent has a share of that is not over, and those of {@code listed} it has a share of. */
    List<StoredLaunch> sharesOf(Connection connection, String agent, Collection<Long> listed) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT launch_id FROM launch_agents WHERE agent_name = ? AND (status IN ")
                .append(ACTIVE_AGENT);
        if (!listed.isEmpty()) {
            sql.append(" OR launch_id IN (").append(listed.stream().map(id -> "?").collect(Collectors.joining(", "))).append(')');
        }
        sql.append(')');
        List<Object> parameters = new ArrayList<>();
        parameters.add(agent);
        parameters.addAll(listed);
        List<Long> ids = ids(connection, sql.toString(), parameters);
        if (ids.isEmpty()) {
            return List.of();
        }
        return load(connection, "id IN (" + ids.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")",
                List.copyOf(ids), "");
    }

    /**
     * The agents heard from since {@code since} that hold no share of a launch that is not over, their rows
     * locked until the transaction ends, so that two launches made at once never take the same agent. The
     * shares are read with a locking read too: it sees what a launch made meanwhile committed, where this
     * transaction's snapshot would not.
     */
    List<OnlineAgent> lockIdleAgents(Connection connection, Instant since) throws SQLException {
        Map<String, String> online = new LinkedHashMap<>();
        // Every row, by primary key: a range on last_seen_at would lock gaps of that index, which a heartbeat
        // moving an agent's last_seen_at needs while it holds the agent's row: a deadlock.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name, region, last_seen_at FROM agents ORDER BY id FOR UPDATE");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (!time(rows, 3).isBefore(since)) {
                    online.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        online = sortedByName(online);
        if (online.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT agent_name FROM launch_agents WHERE agent_name IN ("
                + online.keySet().stream().map(n -> "?").collect(Collectors.joining(", ")) + ") AND status IN " + ACTIVE_AGENT
                + " LOCK IN SHARE MODE")) {
            bind(query, List.copyOf(online.keySet()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    online.remove(rows.getString(1));
                }
            }
        }
        return online.entrySet().stream().map(e -> new OnlineAgent(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, String> sortedByName(Map<String, String> agents) {
        return new LinkedHashMap<>(new TreeMap<>(agents));
    }

    /** The names of the agents that hold a share of a launch that is not over. */
    Set<String> busyAgents(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT agent_name FROM launch_agents WHERE status IN " + ACTIVE_AGENT);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Whether an agent of that name heartbeats with that agent token. */
    boolean isAgentOfToken(Connection connection, String name, long tokenId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM agents WHERE name = ? AND token_id = ?")) {
            query.setString(1, name);
            query.setLong(2, tokenId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** When each named agent was last heard from; an agent without a row is missing. */
    Map<String, Instant> lastSeen(Connection connection, Collection<String> names) throws SQLException {
        Map<String, Instant> seen = new HashMap<>();
        if (names.isEmpty()) {
            return seen;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT name, last_seen_at FROM agents WHERE name IN ("
                + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")")) {
            int i = 1;
            for (String name : names) {
                query.setString(i++, name);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seen.put(rows.getString(1), time(rows, 2));
                }
            }
        }
        return seen;
    }

    List<Long> dueForReadiness(Connection connection, Instant now) throws SQLException {
        return ids(connection, "SELECT id FROM launches WHERE " + READINESS_DUE + " ORDER BY id", List.of(now));
    }

    /** Launches going on with an agent not heard from since {@code silentSince} (or gone from the registry). */
    List<Long> withSilentAgents(Connection connection, Instant silentSince) throws SQLException {
        return ids(connection, "SELECT DISTINCT la.launch_id FROM launch_agents la JOIN launches l ON l.id = la.launch_id"
                + " LEFT JOIN agents a ON a.name = la.agent_name WHERE la.status IN " + ACTIVE_AGENT + " AND l." + ACTIVE
                + " AND (a.last_seen_at IS NULL OR a.last_seen_at < ?) ORDER BY la.launch_id", List.of(silentSince));
    }

    List<Long> running(Connection connection) throws SQLException {
        return ids(connection, "SELECT id FROM launches WHERE status = 'RUNNING' ORDER BY id", List.of());
    }

    List<Long> dueForCommit(Connection connection) throws SQLException {
        return ids(connection, "SELECT id FROM launches WHERE " + COMMIT_DUE + " ORDER BY id", List.of());
    }

    void markCommitted(Connection connection, StoredLaunch stored, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE launches SET run_committed_at = ? WHERE id = ?")) {
            update.setString(1, asText(now));
            update.setLong(2, stored.launch().id());
            update.executeUpdate();
        }
        if (stored.ingestTokenId() != null) {
            revokeIngestToken(connection, stored.ingestTokenId(), now);
        }
    }

    /** An ingest token of the launching user, stored hashed like every other; returns its id. */
    long insertIngestToken(Connection connection, long userId, String name, String hash, String prefix, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ingest_tokens (user_id, name, token_hash,"
                + " token_prefix, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, userId);
            insert.setString(2, name);
            insert.setString(3, hash);
            insert.setString(4, prefix);
            insert.setString(5, asText(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void revokeIngestToken(Connection connection, long tokenId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ingest_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            update.setString(1, asText(now));
            update.setLong(2, tokenId);
            update.executeUpdate();
        }
    }

    // ---- reading

    /** Launches matching {@code where} (built here, values bound), with their agents, in the order asked. */
    private List<StoredLaunch> load(Connection connection, String where, List<Object> parameters, String lock)
            throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM launches WHERE " + where + lock)) {
            bind(query, parameters);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Row row = row(result);
                    rows.put(row.id, row);
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LaunchAgent>> agents = new HashMap<>();
        Map<Long, Map<String, List<String>>> logs = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + AGENT_COLUMNS + " FROM launch_agents WHERE launch_id IN ("
                + rows.keySet().stream().map(id -> "?").collect(Collectors.joining(", ")) + ") ORDER BY launch_id, position")) {
            bind(query, List.copyOf(rows.keySet()));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    long launchId = result.getLong(1);
                    String name = result.getString(2);
                    agents.computeIfAbsent(launchId, k -> new ArrayList<>()).add(LaunchAgent.restore(name,
                            result.getString(3), result.getInt(4), result.getInt(5), result.getDouble(6),
                            AgentStatus.valueOf(result.getString(7)), result.getString(8), result.getString(9),
                            result.getBoolean(10), time(result, 11), result.getLong(12), result.getLong(13), time(result, 14)));
                    logs.computeIfAbsent(launchId, k -> new HashMap<>()).put(name, read(result.getString(15), Argument.listOf(String.class)));
                }
            }
        }
        List<StoredLaunch> launches = new ArrayList<>();
        for (Row row : rows.values()) {
            launches.add(row.restore(agents.getOrDefault(row.id, List.of()), logs.getOrDefault(row.id, Map.of())));
        }
        return launches;
    }

    private Row row(ResultSet result) throws SQLException {
        Row row = new Row();
        row.id = result.getLong(1);
        row.runUuid = result.getString(2);
        long createdBy = result.getLong(3);
        row.createdBy = result.wasNull() ? null : createdBy;
        row.createdByName = result.getString(4);
        row.planId = result.getLong(5);
        row.planVersion = result.getInt(6);
        row.planName = result.getString(7);
        row.generator = Generator.valueOf(result.getString(8));
        row.files = read(result.getString(9), Argument.listOf(LaunchFile.class));
        row.request = read(result.getString(10), Argument.of(RequestJson.class));
        row.policy = read(result.getString(11), Argument.of(PolicyJson.class));
        row.shortfalls = read(result.getString(12), Argument.listOf(ShortfallJson.class));
        row.status = LaunchStatus.valueOf(result.getString(13));
        row.reason = result.getString(14);
        row.createdAt = time(result, 15);
        row.startAt = time(result, 16);
        row.endedAt = time(result, 17);
        row.version = result.getLong(18);
        row.tokenSalt = result.getString(19);
        long tokenId = result.getLong(20);
        row.ingestTokenId = result.wasNull() ? null : tokenId;
        row.runCommittedAt = time(result, 21);
        return row;
    }

    /** A launches row as read, before its agents are. */
    private static final class Row {
        long id;
        String runUuid;
        Long createdBy;
        String createdByName;
        long planId;
        int planVersion;
        String planName;
        Generator generator;
        List<LaunchFile> files;
        RequestJson request;
        PolicyJson policy;
        List<ShortfallJson> shortfalls;
        LaunchStatus status;
        String reason;
        Instant createdAt;
        Instant startAt;
        Instant endedAt;
        long version;
        String tokenSalt;
        Long ingestTokenId;
        Instant runCommittedAt;

        StoredLaunch restore(List<LaunchAgent> agents, Map<String, List<String>> logs) {
            LaunchRequest launchRequest = new LaunchRequest(planId, planVersion, request.regions(), request.users(),
                    request.rampUpSeconds(), request.durationSeconds(), request.targetHost(), request.properties(),
                    request.thresholds(), request.abortOnFailAfterSeconds(), Provision.named(request.provision()));
            LaunchPolicy launchPolicy = new LaunchPolicy(Duration.ofMillis(policy.readinessTimeoutMs()), policy.quorum(),
                    Duration.ofMillis(policy.startBufferMs()), policy.minHealthy());
            List<LaunchPlan.Shortfall> missing = shortfalls.stream()
                    .map(s -> new LaunchPlan.Shortfall(s.region(), s.asked(), s.online())).toList();
            Launch launch = Launch.restore(id, runUuid, launchRequest, launchPolicy, createdAt, missing, agents, status,
                    reason, startAt, endedAt, version);
            return new StoredLaunch(launch, createdBy, createdByName, planName, generator, files, tokenSalt, ingestTokenId,
                    runCommittedAt, logs);
        }
    }

    private static List<Long> ids(Connection connection, String sql, List<Object> parameters) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int i = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                setTime(statement, i++, instant);
            } else {
                statement.setObject(i++, parameter);
            }
        }
    }

    /**
     * Times travel as UTC text: Connector/J takes MariaDB for a server without fractional seconds (it
     * announces itself as 5.5.5-10.x) and drops the milliseconds of a Timestamp, and a start time or a first
     * request time without them is useless.
     */
    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        SqlTime.set(statement, index, time);
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String asText(Instant time) {
        return SqlTime.text(time);
    }

    private static Instant time(ResultSet result, int index) throws SQLException {
        return SqlTime.get(result, index);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
