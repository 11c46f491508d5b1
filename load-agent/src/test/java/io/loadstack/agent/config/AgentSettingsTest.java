package io.loadstack.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentSettingsTest {

    private static final String TOKEN = "lsa_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private static Map<String, String> minimal() {
        Map<String, String> environment = new HashMap<>();
        environment.put("LOADSTACK_URL", "https://loadstack.example:8080");
        environment.put("LOADSTACK_AGENT_TOKEN", TOKEN);
        return environment;
    }

    private static AgentSettings parse(Map<String, String> environment) {
        return AgentSettings.fromEnvironment(environment, () -> "build-host-7");
    }

    private static String refusal(Map<String, String> environment) {
        return assertThrows(InvalidSettingException.class, () -> parse(environment)).getMessage();
    }

    @Test
    void theUrlAndTokenAloneGiveTheDefaults() {
        AgentSettings settings = parse(minimal());
        assertEquals(URI.create("https://loadstack.example:8080"), settings.url());
        assertEquals(TOKEN, settings.token());
        assertEquals("local", settings.region());
        assertEquals("build-host-7", settings.name());
        assertEquals(Duration.ofSeconds(30), settings.lease());
        assertEquals(new TrustSettings(Optional.empty(), false), settings.trust());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "loadstack-agent-build-host-7"), settings.workDirectory());
        assertEquals(Path.of("/opt/jmeter/lib"), settings.jmeterLib());
        assertEquals("1g", settings.jmeterHeap());
        assertEquals(Duration.ZERO, settings.clockError());
        assertTrue(settings.clockSync());
    }

    @Test
    void theClockKnobsPutTheClockOffAndTurnTheEstimateOff() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_CLOCK_ERROR_MS", "-1500");
        environment.put("LOADSTACK_AGENT_CLOCK_SYNC", "false");
        AgentSettings settings = parse(environment);
        assertEquals(Duration.ofMillis(-1500), settings.clockError());
        assertFalse(settings.clockSync());
        assertTrue(settings.describe().contains("clock put off by -1500 ms (test knob)"), settings.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1s", "ten", "-"})
    void aClockErrorIsWholeMilliseconds(String value) {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_CLOCK_ERROR_MS", value);
        assertTrue(refusal(environment).startsWith("LOADSTACK_AGENT_CLOCK_ERROR_MS must be"), value);
    }

    @Test
    void theWorkDirectoryAndJmeterAreSettings() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_WORK_DIR", "/var/lib/loadstack-agent");
        environment.put("LOADSTACK_JMETER_LIB", "/usr/share/jmeter/lib");
        environment.put("LOADSTACK_JMETER_HEAP", "512m");
        AgentSettings settings = parse(environment);
        assertEquals(Path.of("/var/lib/loadstack-agent"), settings.workDirectory());
        assertEquals(Path.of("/usr/share/jmeter/lib"), settings.jmeterLib());
        assertEquals("512m", settings.jmeterHeap());
        environment.put("LOADSTACK_JMETER_HEAP", "lots");
        assertTrue(refusal(environment).contains("LOADSTACK_JMETER_HEAP"), refusal(environment));
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_URL", "http://10.0.0.5:8080/");
        environment.put("LOADSTACK_AGENT_REGION", "eu-west");
        environment.put("LOADSTACK_AGENT_NAME", "eu-1");
        environment.put("LOADSTACK_AGENT_CA_FILE", "/etc/loadstack/ca.pem");
        environment.put("LOADSTACK_AGENT_INSECURE", "TRUE");
        environment.put("LOADSTACK_AGENT_LEASE", "2m");
        AgentSettings settings = parse(environment);
        assertEquals(URI.create("http://10.0.0.5:8080"), settings.url(), "the trailing slash is dropped");
        assertEquals("eu-west", settings.region());
        assertEquals("eu-1", settings.name());
        assertEquals(new TrustSettings(Optional.of(Path.of("/etc/loadstack/ca.pem")), true), settings.trust());
        assertEquals(Duration.ofMinutes(2), settings.lease());
    }

    @Test
    void theHostNameIsNotAskedWhenANameIsGiven() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_NAME", "given");
        AgentSettings settings = AgentSettings.fromEnvironment(environment, () -> {
            throw new AssertionError("host name looked up");
        });
        assertEquals("given", settings.name());
    }

    @Test
    void blankValuesCountAsUnset() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_REGION", "  ");
        assertEquals("local", parse(environment).region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOADSTACK_URL", "LOADSTACK_AGENT_TOKEN"})
    void aMissingRequiredVariableIsNamed(String variable) {
        Map<String, String> environment = minimal();
        environment.remove(variable);
        assertEquals(variable + " is not set", refusal(environment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loadstack.example", "ftp://loadstack.example", "https://", "https://host/?a=b",
            "https://user:pw@host", "http://bad host"})
    void aUrlThatIsNotAnHttpBaseUrlIsRefused(String url) {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_URL", url);
        assertTrue(refusal(environment).startsWith("LOADSTACK_URL "), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lst_ingestToken123", "eyJhbGciOiJIUzI1NiJ9.e30.x", "lsa_with space", "lsa_ünïcode"})
    void aTokenThatIsNotAnAgentTokenIsRefused(String token) {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_TOKEN", token);
        String message = refusal(environment);
        assertTrue(message.startsWith("LOADSTACK_AGENT_TOKEN must be an agent token, 'lsa_'"), message);
        assertFalse(message.contains(token), "the refused token is not echoed into the log: " + message);
    }

    @Test
    void theBarePrefixIsNoToken() {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_TOKEN", "lsa_");
        assertTrue(refusal(environment).startsWith("LOADSTACK_AGENT_TOKEN must be an agent token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOADSTACK_AGENT_NAME", "LOADSTACK_AGENT_REGION"})
    void aNameOrRegionTheHeartbeatWouldRefuseIsRefusedAtStart(String variable) {
        for (String value : new String[]{"eu west", "eu/1", "x".repeat(65), "région"}) {
            Map<String, String> environment = minimal();
            environment.put(variable, value);
            assertTrue(refusal(environment).startsWith(variable + " must be 1 to 64 characters"), value);
        }
    }

    @Test
    void aHostNameThatCannotBeANameAsksForTheVariable() {
        String message = assertThrows(InvalidSettingException.class,
                () -> AgentSettings.fromEnvironment(minimal(), () -> "weird host")).getMessage();
        assertTrue(message.startsWith("LOADSTACK_AGENT_NAME is not set and the host name ('weird host')"), message);
        assertThrows(InvalidSettingException.class, () -> AgentSettings.fromEnvironment(minimal(), () -> null));
    }

    @Test
    void theAgentsOwnAllowedTargetsNarrowOnlyWhenSet() {
        assertNull(parse(minimal()).allowedTargets(), "unset: what Loadstack allows");
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_ALLOWED_TARGETS", "  ");
        assertNull(parse(environment).allowedTargets(), "blank counts as unset");
        environment.put("LOADSTACK_AGENT_ALLOWED_TARGETS", "shop.internal:8080, 10.0.0.0/8");
        AgentSettings settings = parse(environment);
        assertEquals(List.of("shop.internal:8080", "10.0.0.0/8"), settings.allowedTargets().entries());
        assertTrue(settings.describe().contains("only the targets shop.internal:8080,10.0.0.0/8"), settings.describe());
        environment.put("LOADSTACK_AGENT_ALLOWED_TARGETS", "shop.internal, http://evil.example");
        String message = refusal(environment);
        assertTrue(message.startsWith("LOADSTACK_AGENT_ALLOWED_TARGETS cannot be read: allowed target ' http://evil.example'"), message);
        environment.put("LOADSTACK_AGENT_ALLOWED_TARGETS", ",,");
        assertTrue(refusal(environment).startsWith("LOADSTACK_AGENT_ALLOWED_TARGETS names no target"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "tru"})
    void insecureIsTrueOrFalseOnly(String value) {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_INSECURE", value);
        assertTrue(refusal(environment).startsWith("LOADSTACK_AGENT_INSECURE must be true or false"), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "thirty", "-5s", "1.5m", "10s", "14999ms"})
    void aLeaseThatIsNoDurationOrShorterThanALongPollIsRefused(String value) {
        Map<String, String> environment = minimal();
        environment.put("LOADSTACK_AGENT_LEASE", value);
        assertTrue(refusal(environment).startsWith("LOADSTACK_AGENT_LEASE must be"), value);
    }

    @Test
    void theDescriptionNeverShowsTheToken() {
        AgentSettings settings = parse(minimal());
        assertFalse(settings.describe().contains(TOKEN), settings.describe());
        assertTrue(settings.describe().contains("name build-host-7, region local"), settings.describe());
    }
}
