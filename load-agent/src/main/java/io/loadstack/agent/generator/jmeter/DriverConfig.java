package io.loadstack.agent.generator.jmeter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loadstack.agent.config.TrustSettings;
import io.loadstack.agent.generator.Assignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * What the agent tells its JMeter driver, written as JSON into the share's work directory: a file rather
 * than the command line, so that the ingest token does not show in the process list.
 *
 * @param jmx           the plan's main file, in the work directory
 * @param jmeterLib     the JMeter installation's lib directory (its bin/ files are found there or beside it)
 * @param statsInterval milliseconds between two stats posts and two COUNTS lines
 * @param caFile        the certificates the agent trusts for Loadstack (null: the system's)
 * @param insecure      the agent accepts any certificate (LOADSTACK_AGENT_INSECURE), and so does the driver
 */
record DriverConfig(String jmx, String jmeterLib, String runUuid, String runName, String agentName, String region,
                    int users, int rampUpSeconds, int durationSeconds, String targetHost,
                    Map<String, String> properties, Map<String, String> tags, String consumerUrl,
                    String ingestToken, long statsInterval, String caFile, boolean insecure) {

    static final String FILE_NAME = ".loadstack-jmeter.json";
    static final long STATS_INTERVAL_MILLIS = 2_000;

    static DriverConfig of(Assignment assignment, JmeterSettings settings) {
        return new DriverConfig(assignment.main().name(), settings.jmeterLib().toAbsolutePath().toString(),
                assignment.runUuid(), assignment.runName(), assignment.agentName(), assignment.region(),
                assignment.users(), assignment.rampUpSeconds(), assignment.durationSeconds(),
                assignment.targetHost(), assignment.properties(), assignment.tags(), assignment.consumerUrl(),
                assignment.ingestToken(), STATS_INTERVAL_MILLIS,
                settings.trust().caFile().map(path -> path.toAbsolutePath().toString()).orElse(null),
                settings.trust().insecure());
    }

    /** Readable by the agent's user only where the file system has owners: it holds the ingest token. */
    void write(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        new ObjectMapper().writeValue(file.toFile(), this);
    }

    /** The agent's trust, for the driver's own HTTPS client. */
    TrustSettings trust() {
        return new TrustSettings(java.util.Optional.ofNullable(caFile).map(Path::of), insecure);
    }

    static DriverConfig read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), DriverConfig.class);
    }
}
