package io.loadstack.agent.config;

import io.loadstack.support.targets.InvalidTargetEntryException;
import io.loadstack.support.targets.TargetList;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's settings, read from environment variables only (the load-agent README lists them).
 *
 * @param url    Loadstack's base URL as the agent reaches it, without a trailing slash
 * @param token  the agent token, {@code lsa_…}
 * @param region the region the agent stands for
 * @param name   the agent's name, unique among online agents
 * @param trust  which server certificates the agent accepts over HTTPS
 * @param lease  how long the agent may go without an answer from Loadstack before it must stop its load by itself
 * @param workDirectory where the shares' work directories ({@code launch-<id>}) and the plan-file cache live
 * @param jmeterLib     the directory of JMeter's jars the JMeter generator runs with
 * @param jmeterHeap    the JMeter generator's maximum heap ({@code -Xmx})
 * @param clockError    test knob: how far this agent's clock is put off on purpose (zero in production), so that a
 *                      benchmark on one host can show what the server-clock estimate corrects
 * @param clockSync     test knob: false ignores the server-clock estimate (the agent takes its own clock as the
 *                      server's), for a benchmark to compare against
 * @param allowedTargets the only targets this agent sends load to, whatever Loadstack allows; null (the variable
 *                       unset or empty) when the agent does not narrow Loadstack's list
 */
public record AgentSettings(URI url, String token, String region, String name, TrustSettings trust, Duration lease,
                            Path workDirectory, Path jmeterLib, String jmeterHeap, Duration clockError,
                            boolean clockSync, TargetList allowedTargets) {

    public static final String URL = "LOADSTACK_URL";
    public static final String TOKEN = "LOADSTACK_AGENT_TOKEN";
    public static final String REGION = "LOADSTACK_AGENT_REGION";
    public static final String NAME = "LOADSTACK_AGENT_NAME";
    public static final String CA_FILE = "LOADSTACK_AGENT_CA_FILE";
    public static final String INSECURE = "LOADSTACK_AGENT_INSECURE";
    public static final String LEASE = "LOADSTACK_AGENT_LEASE";
    public static final String WORK_DIR = "LOADSTACK_AGENT_WORK_DIR";
    public static final String JMETER_LIB = "LOADSTACK_JMETER_LIB";
    public static final String JMETER_HEAP = "LOADSTACK_JMETER_HEAP";
    public static final String CLOCK_ERROR_MS = "LOADSTACK_AGENT_CLOCK_ERROR_MS";
    public static final String CLOCK_SYNC = "LOADSTACK_AGENT_CLOCK_SYNC";
    public static final String ALLOWED_TARGETS = "LOADSTACK_AGENT_ALLOWED_TARGETS";

    static final String DEFAULT_REGION = "local";
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    static final String DEFAULT_JMETER_LIB = "/opt/jmeter/lib";
    static final String DEFAULT_JMETER_HEAP = "1g";
    /**
     * A lease shorter than a heartbeat's long-poll would run out between two normal answers; the api-service
     * holds a heartbeat for up to 10 s by default, so the lease must leave room for that and a round trip.
     */
    static final Duration MIN_LEASE = Duration.ofSeconds(15);

    /** What the api-service accepts for a name and a region in a heartbeat. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TOKEN_SHAPE = Pattern.compile("lsa_[A-Za-z0-9_-]+");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern HEAP = Pattern.compile("\\d{1,6}[mMgG]");
    private static final Pattern MILLIS = Pattern.compile("-?\\d{1,9}");

    /**
     * @param environment the process environment
     * @param hostName    the host name, the default name; asked only when {@code LOADSTACK_AGENT_NAME} is not set
     * @throws InvalidSettingException naming the first variable that is missing or invalid
     */
    public static AgentSettings fromEnvironment(Map<String, String> environment, Supplier<String> hostName) {
        URI url = url(required(environment, URL));
        String token = token(required(environment, TOKEN));
        String region = word(REGION, optional(environment, REGION).orElse(DEFAULT_REGION));
        Optional<String> name = optional(environment, NAME);
        String agentName = name.isPresent() ? word(NAME, name.get()) : hostNameAsName(hostName.get());
        TrustSettings trust = new TrustSettings(optional(environment, CA_FILE).map(Path::of),
                flag(INSECURE, optional(environment, INSECURE).orElse("false")));
        Duration lease = lease(optional(environment, LEASE).map(value -> duration(LEASE, value)).orElse(DEFAULT_LEASE));
        Path workDirectory = Path.of(optional(environment, WORK_DIR)
                // the agent's name in it: two agents on one host never share a launch's directory
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "loadstack-agent-" + agentName).toString()));
        Path jmeterLib = Path.of(optional(environment, JMETER_LIB).orElse(DEFAULT_JMETER_LIB));
        String jmeterHeap = optional(environment, JMETER_HEAP).orElse(DEFAULT_JMETER_HEAP);
        if (!HEAP.matcher(jmeterHeap).matches()) {
            throw new InvalidSettingException(JMETER_HEAP, "must be a heap size such as 512m or 2g (was '" + jmeterHeap + "')");
        }
        String clockError = optional(environment, CLOCK_ERROR_MS).orElse("0");
        if (!MILLIS.matcher(clockError).matches()) {
            throw new InvalidSettingException(CLOCK_ERROR_MS, "must be a whole number of milliseconds such as 500 or"
                    + " -500 (was '" + clockError + "')");
        }
        boolean clockSync = flag(CLOCK_SYNC, optional(environment, CLOCK_SYNC).orElse("true"));
        TargetList allowedTargets = optional(environment, ALLOWED_TARGETS).map(AgentSettings::allowedTargets).orElse(null);
        return new AgentSettings(url, token, region, agentName, trust, lease, workDirectory, jmeterLib, jmeterHeap,
                Duration.ofMillis(Long.parseLong(clockError)), clockSync, allowedTargets);
    }

    /** The settings without the token, for the start-up log line. */
    public String describe() {
        return "url " + url + ", name " + name + ", region " + region + ", lease " + lease.toSeconds() + " s, "
                + trust.describe() + ", work directory " + workDirectory + ", JMeter " + jmeterLib + " (heap "
                + jmeterHeap + ")" + (clockError.isZero() ? "" : ", clock put off by " + clockError.toMillis() + " ms (test knob)")
                + (clockSync ? "" : ", server-clock estimate ignored (test knob)")
                + (allowedTargets == null ? ", targets as Loadstack allows" : ", only the targets " + allowedTargets
                + " (" + ALLOWED_TARGETS + ")");
    }

    private static TargetList allowedTargets(String value) {
        try {
            TargetList list = TargetList.ofCommaSeparated(value);
            if (list.isEmpty()) {
                throw new InvalidSettingException(ALLOWED_TARGETS, "names no target (was '" + value + "'): leave it unset"
                        + " to run what Loadstack allows");
            }
            return list;
        } catch (InvalidTargetEntryException e) {
            throw new InvalidSettingException(ALLOWED_TARGETS, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> environment, String variable) {
        return optional(environment, variable).orElseThrow(() -> new InvalidSettingException(variable, "is not set"));
    }

    private static Optional<String> optional(Map<String, String> environment, String variable) {
        return Optional.ofNullable(environment.get(variable)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static URI url(String value) {
        URI url;
        try {
            url = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(URL, "is not a URL: " + e.getMessage(), e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InvalidSettingException(URL, "must be an http:// or https:// URL with a host, such as"
                    + " https://loadstack.example:8080 (was '" + value + "')");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidSettingException(URL, "must be Loadstack's base URL only, without user, query or"
                    + " fragment (was '" + value + "')");
        }
        return url;
    }

    private static String token(String value) {
        if (!TOKEN_SHAPE.matcher(value).matches()) {
            throw new InvalidSettingException(TOKEN, "must be an agent token, 'lsa_' followed by letters, digits,"
                    + " '-' or '_'; an admin makes one with POST /api/agent-tokens");
        }
        return value;
    }

    private static String word(String variable, String value) {
        if (!WORD.matcher(value).matches()) {
            throw new InvalidSettingException(variable, "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_'"
                    + " and '-' (was '" + value + "')");
        }
        return value;
    }

    private static String hostNameAsName(String hostName) {
        if (hostName == null || !WORD.matcher(hostName).matches()) {
            throw new InvalidSettingException(NAME, "is not set and the host name ('" + hostName + "') cannot be"
                    + " an agent name: set it to 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        return hostName;
    }

    private static boolean flag(String variable, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(variable, "must be true or false (was '" + value + "')");
        };
    }

    private static Duration duration(String variable, String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new InvalidSettingException(variable, "must be a duration such as 30s, 2m or 1h (was '" + value + "')");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static Duration lease(Duration lease) {
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new InvalidSettingException(LEASE, "must be at least " + MIN_LEASE.toSeconds() + "s: a heartbeat"
                    + " may be held by Loadstack for 10 s before it is answered (was " + lease.toMillis() + " ms)");
        }
        return lease;
    }
}
